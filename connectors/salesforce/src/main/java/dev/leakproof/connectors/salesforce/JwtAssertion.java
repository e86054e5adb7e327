package dev.leakproof.connectors.salesforce;

import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.ErrorKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * The JWT of Salesforce's OAuth 2.0 JWT bearer flow: {@code iss} the connected app's key,
 * {@code sub} the user, {@code aud} the login server, {@code exp} three minutes ahead, signed
 * RS256 with the key whose certificate the connected app holds.
 */
final class JwtAssertion {

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private JwtAssertion() {}

  static String sign(SalesforceConfig.JwtBearer jwt, Instant now) throws DestinationException {
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    String claims = "{\"iss\":" + quote(jwt.clientId()) + ",\"sub\":" + quote(jwt.username()) + ",\"aud\":"
        + quote(jwt.audience()) + ",\"exp\":" + (now.getEpochSecond() + 180) + "}";
    String signingInput = URL.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
        + URL.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(privateKey(jwt));
      rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + URL.encodeToString(rsa.sign());
    } catch (GeneralSecurityException e) {
      throw new DestinationException(ErrorKind.PERMANENT, "INVALID_PRIVATE_KEY", "Cannot sign the JWT with "
          + jwt.privateKeyFile() + ": " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(SalesforceConfig.JwtBearer jwt) throws DestinationException,
      GeneralSecurityException {
    String pem;
    try {
      pem = Files.readString(jwt.privateKeyFile(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new DestinationException(ErrorKind.PERMANENT, "INVALID_PRIVATE_KEY", "Cannot read "
          + "salesforce.auth.private-key-file " + jwt.privateKeyFile() + ": " + e.getMessage(), e);
    }
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new DestinationException(ErrorKind.PERMANENT, "INVALID_PRIVATE_KEY", "Invalid "
          + "salesforce.auth.private-key-file " + jwt.privateKeyFile() + ": not a PKCS#8 PEM key (BEGIN PRIVATE "
          + "KEY); convert with openssl pkcs8 -topk8 -nocrypt");
    }
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
