package dev.leakproof.connectors.salesforce.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.util.Base64;
import java.util.Set;

/**
 * Checks an OAuth 2.0 JWT bearer assertion as Salesforce does: an RS256 signature by the connected
 * app's certificate key, {@code iss} = consumer key, {@code sub} = an allowed username, {@code aud} =
 * the login URL, {@code exp} in the future.
 */
final class JwtVerifier {

  /** A refused assertion: the OAuth error code and description to return. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final String error;

    Refused(String error, String description) {
      super(description, null, false, false);
      this.error = error;
    }

    String error() {
      return error;
    }
  }

  private final RSAPublicKey key;
  private final String clientId;
  private final String username;
  private final Set<String> audiences;
  private final Clock clock;

  JwtVerifier(RSAPublicKey key, String clientId, String username, Set<String> audiences, Clock clock) {
    this.key = key;
    this.clientId = clientId;
    this.username = username;
    this.audiences = audiences;
    this.clock = clock;
  }

  /** The assertion's subject (username) once every check passed. */
  String verify(String assertion) throws Refused {
    if (key == null) {
      throw grant("JWT bearer flow is not enabled for this connected app");
    }
    String[] parts = assertion == null ? new String[0] : assertion.split("\\.", -1);
    if (parts.length != 3) {
      throw grant("invalid assertion");
    }
    JsonNode header = decode(parts[0]);
    JsonNode claims = decode(parts[1]);
    if (!"RS256".equals(header.path("alg").asText())) {
      throw grant("invalid assertion: alg must be RS256");
    }
    try {
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initVerify(key);
      rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
      if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
        throw grant("invalid assertion: signature does not verify");
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw grant("invalid assertion: signature does not verify");
    }
    if (!clientId.equals(claims.path("iss").asText())) {
      throw grant("invalid assertion: iss is not the consumer key");
    }
    if (!audienceMatches(claims.path("aud"))) {
      throw grant("audience is invalid");
    }
    JsonNode exp = claims.path("exp");
    if (!exp.canConvertToLong() || exp.asLong() <= clock.instant().getEpochSecond()) {
      throw grant("expired authorization code");
    }
    String sub = claims.path("sub").asText("");
    if (sub.isEmpty() || (username != null && !username.equals(sub))) {
      throw grant("user hasn't approved this consumer");
    }
    return sub;
  }

  private boolean audienceMatches(JsonNode aud) {
    if (aud.isArray()) {
      for (JsonNode a : aud) {
        if (audiences.contains(trim(a.asText()))) {
          return true;
        }
      }
      return false;
    }
    return aud.isTextual() && audiences.contains(trim(aud.asText()));
  }

  static String trim(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  private static JsonNode decode(String part) throws Refused {
    try {
      JsonNode node = HttpIo.JSON.readTree(Base64.getUrlDecoder().decode(part));
      if (node == null || !node.isObject()) {
        throw grant("invalid assertion");
      }
      return node;
    } catch (java.io.IOException | IllegalArgumentException e) {
      throw grant("invalid assertion");
    }
  }

  private static Refused grant(String description) {
    return new Refused("invalid_grant", description);
  }
}
