package dev.leakproof.connectors.salesforce.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code POST /services/oauth2/token}: the client credentials flow (form fields or HTTP Basic) and
 * the JWT bearer flow, answering with Salesforce's token response or its OAuth error object.
 */
final class OAuthEndpoint {

  static final String PATH = "/services/oauth2/token";
  private static final String JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  private final EmulatorConfig config;
  private final TokenStore tokens;
  private final JwtVerifier jwt;
  private final Clock clock;
  private final String orgId;
  private final String userId;
  private final String baseUrl;

  OAuthEndpoint(EmulatorConfig config, TokenStore tokens, JwtVerifier jwt, Clock clock, String orgId, String userId, String baseUrl) {
    this.config = config;
    this.tokens = tokens;
    this.jwt = jwt;
    this.clock = clock;
    this.orgId = orgId;
    this.userId = userId;
    this.baseUrl = baseUrl;
  }

  void handle(HttpExchange ex) throws IOException {
    if (!"POST".equals(ex.getRequestMethod())) {
      error(ex, 400, "invalid_request", "must use HTTP POST");
      return;
    }
    byte[] body = HttpIo.readBody(ex, HttpIo.MAX_SMALL_BODY,
        () -> new ApiException(400, "invalid_request", "request body too large"));
    Map<String, String> form = HttpIo.decodeForm(new String(body, StandardCharsets.UTF_8));
    String grant = form.getOrDefault("grant_type", "");
    if (grant.equals("client_credentials")) {
      clientCredentials(ex, form);
    } else if (grant.equals(JWT_GRANT)) {
      try {
        jwt.verify(form.get("assertion"));
        success(ex);
      } catch (JwtVerifier.Refused e) {
        error(ex, 400, e.error(), e.getMessage());
      }
    } else {
      error(ex, 400, "unsupported_grant_type", "grant type not supported");
    }
  }

  private void clientCredentials(HttpExchange ex, Map<String, String> form) throws IOException {
    String id = form.get("client_id");
    String secret = form.get("client_secret");
    String basic = ex.getRequestHeaders().getFirst("Authorization");
    if (id == null && basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String pair = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        id = colon < 0 ? pair : pair.substring(0, colon);
        secret = colon < 0 ? "" : pair.substring(colon + 1);
      } catch (IllegalArgumentException e) {
        id = null;
      }
    }
    if (id == null || !constantTimeEquals(id, config.clientId())) {
      error(ex, 400, "invalid_client_id", "client identifier invalid");
    } else if (secret == null || !constantTimeEquals(secret, config.clientSecret())) {
      error(ex, 400, "invalid_client", "invalid client credentials");
    } else {
      success(ex);
    }
  }

  private void success(HttpExchange ex) throws IOException {
    String issuedAt = Long.toString(clock.millis());
    String identity = baseUrl + "/id/" + orgId + "/" + userId;
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", tokens.issue());
    body.put("signature", sign(identity + issuedAt));
    body.put("scope", "api");
    body.put("instance_url", baseUrl);
    body.put("id", identity);
    body.put("token_type", "Bearer");
    body.put("issued_at", issuedAt);
    ex.getResponseHeaders().set("Cache-Control", "no-cache,must-revalidate,max-age=0,no-store,private");
    HttpIo.sendJson(ex, 200, body);
  }

  private String sign(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(config.clientSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign token response: HmacSHA256 unavailable", e);
    }
  }

  private static boolean constantTimeEquals(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  static void error(HttpExchange ex, int status, String error, String description) throws IOException {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("error", error);
    body.put("error_description", description);
    HttpIo.sendJson(ex, status, body);
  }
}
