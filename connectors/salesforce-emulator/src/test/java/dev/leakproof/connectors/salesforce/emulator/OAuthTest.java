package dev.leakproof.connectors.salesforce.emulator;

import static dev.leakproof.connectors.salesforce.emulator.testutils.EmulatorClient.API;
import static dev.leakproof.connectors.salesforce.emulator.testutils.EmulatorClient.enc;
import static dev.leakproof.connectors.salesforce.emulator.testutils.EmulatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leakproof.connectors.salesforce.emulator.testutils.EmulatorClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OAuthTest {

  private static final String USER = "integration@leakproof.dev";
  private static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  private static KeyPair keys;
  private static KeyPair otherKeys;
  private static SalesforceEmulator emulator;
  private static EmulatorClient client;

  @BeforeAll
  static void start() throws Exception {
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    keys = gen.generateKeyPair();
    otherKeys = gen.generateKeyPair();
    emulator = SalesforceEmulator.start(EmulatorConfig.defaults().withJwt((RSAPublicKey) keys.getPublic(), USER));
    client = new EmulatorClient(emulator);
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @Test
  void clientCredentialsIssueATokenThatOpensTheApi() {
    JsonNode token = client.login();
    assertThat(token.path("token_type").asText()).isEqualTo("Bearer");
    assertThat(token.path("instance_url").asText()).isEqualTo("http://127.0.0.1:" + emulator.port());
    assertThat(token.path("id").asText()).startsWith(emulator.baseUri() + "/id/00D");
    assertThat(token.path("issued_at").asText()).matches("\\d{13}");
    assertThat(token.path("signature").asText()).isNotBlank();
    assertThat(client.get(API + "/limits").statusCode()).isEqualTo(200);
  }

  @Test
  void clientCredentialsAlsoComeAsHttpBasic() {
    String basic = Base64.getEncoder().encodeToString(
        (emulator.config().clientId() + ":" + emulator.config().clientSecret()).getBytes(StandardCharsets.UTF_8));
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(emulator.tokenUri()).header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(json(r).path("access_token").asText()).isNotBlank();
  }

  @Test
  void wrongClientCredentialsAreRefusedWithOAuthErrors() {
    HttpResponse<String> badSecret = client.form("/services/oauth2/token",
        "grant_type=client_credentials&client_id=" + enc(emulator.config().clientId()) + "&client_secret=nope");
    assertThat(badSecret.statusCode()).isEqualTo(400);
    assertThat(badSecret.body()).isEqualTo("{\"error\":\"invalid_client\",\"error_description\":\"invalid client credentials\"}");
    assertThat(badSecret.headers().firstValue("Sforce-Limit-Info")).isEmpty();

    HttpResponse<String> badId = client.form("/services/oauth2/token", "grant_type=client_credentials&client_id=who&client_secret=x");
    assertThat(json(badId).path("error").asText()).isEqualTo("invalid_client_id");

    HttpResponse<String> badGrant = client.form("/services/oauth2/token", "grant_type=password&username=a&password=b");
    assertThat(json(badGrant).path("error").asText()).isEqualTo("unsupported_grant_type");
  }

  @Test
  void aJwtSignedWithTheConfiguredKeyIsExchangedForAToken() throws Exception {
    String jwt = jwt(keys.getPrivate(), "RS256", emulator.config().clientId(), USER, "https://login.salesforce.com", 300);
    HttpResponse<String> r = client.form("/services/oauth2/token", "grant_type=" + enc(JWT_GRANT) + "&assertion=" + jwt);
    assertThat(r.statusCode()).isEqualTo(200);
    String token = json(r).path("access_token").asText();
    HttpResponse<String> limits = client.send(HttpRequest.newBuilder(emulator.baseUri().resolve(API + "/limits"))
        .header("Authorization", "Bearer " + token));
    assertThat(limits.statusCode()).isEqualTo(200);

    String ownAudience = jwt(keys.getPrivate(), "RS256", emulator.config().clientId(), USER, emulator.baseUri().toString(), 300);
    assertThat(client.form("/services/oauth2/token", "grant_type=" + enc(JWT_GRANT) + "&assertion=" + ownAudience).statusCode())
        .isEqualTo(200);
  }

  @Test
  void invalidJwtsAreRefusedAsInvalidGrant() throws Exception {
    String id = emulator.config().clientId();
    String aud = "https://login.salesforce.com";
    assertThat(jwtError(jwt(otherKeys.getPrivate(), "RS256", id, USER, aud, 300))).isEqualTo("invalid assertion: signature does not verify");
    assertThat(jwtError(jwt(keys.getPrivate(), "RS256", id, USER, aud, -10))).isEqualTo("expired authorization code");
    assertThat(jwtError(jwt(keys.getPrivate(), "RS256", id, USER, "https://evil.example", 300))).isEqualTo("audience is invalid");
    assertThat(jwtError(jwt(keys.getPrivate(), "RS256", id, "someone@else.dev", aud, 300))).isEqualTo("user hasn't approved this consumer");
    assertThat(jwtError(jwt(keys.getPrivate(), "RS256", "other-app", USER, aud, 300))).isEqualTo("invalid assertion: iss is not the consumer key");
    assertThat(jwtError(jwt(keys.getPrivate(), "HS256", id, USER, aud, 300))).isEqualTo("invalid assertion: alg must be RS256");
    assertThat(jwtError("not.a.jwt")).isEqualTo("invalid assertion");
  }

  @Test
  void expiredAndUnknownTokensGet401InvalidSessionId() {
    EmulatorClient fresh = new EmulatorClient(emulator);
    fresh.login();
    assertThat(fresh.get(API + "/limits").statusCode()).isEqualTo(200);
    emulator.expireTokens();
    HttpResponse<String> expired = fresh.get(API + "/limits");
    assertThat(expired.statusCode()).isEqualTo(401);
    assertThat(expired.body()).isEqualTo("[{\"errorCode\":\"INVALID_SESSION_ID\",\"message\":\"Session expired or invalid\"}]");
    HttpResponse<String> none = fresh.raw("GET", API + "/limits", null);
    assertThat(none.statusCode()).isEqualTo(401);
    fresh.login();
    assertThat(fresh.get(API + "/limits").statusCode()).isEqualTo(200);
  }

  @Test
  void tokensExpireAfterTheirLifetime() {
    try (SalesforceEmulator shortLived = SalesforceEmulator.start(EmulatorConfig.defaults().withTokenLifetime(Duration.ofMillis(400)))) {
      EmulatorClient c = new EmulatorClient(shortLived);
      c.login();
      assertThat(c.get(API + "/limits").statusCode()).isEqualTo(200);
      EmulatorClient.sleep(450);
      assertThat(c.get(API + "/limits").statusCode()).isEqualTo(401);
    }
  }

  private static String jwtError(String assertion) {
    HttpResponse<String> r = client.form("/services/oauth2/token", "grant_type=" + enc(JWT_GRANT) + "&assertion=" + enc(assertion));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(json(r).path("error").asText()).isEqualTo("invalid_grant");
    return json(r).path("error_description").asText();
  }

  static String jwt(PrivateKey key, String alg, String iss, String sub, String aud, long expiresInSeconds) throws Exception {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString(("{\"alg\":\"" + alg + "\"}").getBytes(StandardCharsets.UTF_8));
    long exp = Instant.now().getEpochSecond() + expiresInSeconds;
    String claims = b64.encodeToString(("{\"iss\":\"" + iss + "\",\"sub\":\"" + sub + "\",\"aud\":\"" + aud + "\",\"exp\":" + exp + "}")
        .getBytes(StandardCharsets.UTF_8));
    Signature rsa = Signature.getInstance("SHA256withRSA");
    rsa.initSign(key);
    rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
    return header + "." + claims + "." + b64.encodeToString(rsa.sign());
  }
}
