package dev.leakproof.connectors.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.ErrorKind;
import dev.leakproof.core.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Gets access tokens from the org's OAuth 2.0 token endpoint with the configured server-to-server
 * flow: client credentials, or a JWT bearer assertion signed with RS256.
 */
final class OAuthClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final SalesforceConfig config;
  private final HttpClient http;
  private final Clock clock;

  OAuthClient(SalesforceConfig config, HttpClient http, Clock clock) {
    this.config = config;
    this.http = http;
    this.clock = clock;
  }

  /**
   * @throws DestinationException permanent for refused credentials, retriable for a passing fault
   */
  AccessToken token() throws DestinationException {
    Map<String, String> form = new LinkedHashMap<>();
    if (config.auth() instanceof SalesforceConfig.ClientCredentials c) {
      form.put("grant_type", "client_credentials");
      form.put("client_id", c.clientId());
      form.put("client_secret", c.clientSecret().reveal());
    } else if (config.auth() instanceof SalesforceConfig.JwtBearer j) {
      form.put("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer");
      form.put("assertion", JwtAssertion.sign(j, clock.instant()));
    }
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    HttpRequest request = HttpRequest.newBuilder(URI.create(config.loginUrl() + "/services/oauth2/token"))
        .timeout(config.httpTimeout())
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new DestinationException(ErrorKind.RETRIABLE, "CONNECTION_FAILED", "Cannot get a Salesforce token from "
          + config.loginUrl() + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DestinationException(ErrorKind.PERMANENT, "INTERRUPTED", "Interrupted while logging in", e);
    }
    if (response.statusCode() != 200) {
      throw SalesforceErrorParser.call(response.statusCode(), response.body(), null,
          "get a Salesforce token (" + (config.auth() instanceof SalesforceConfig.JwtBearer ? "jwt-bearer"
          : "client-credentials") + " flow)");
    }
    try {
      JsonNode node = JSON.readTree(response.body());
      String token = node.path("access_token").asText("");
      String instance = node.path("instance_url").asText("");
      if (token.isEmpty() || instance.isEmpty()) {
        throw new DestinationException(ErrorKind.PERMANENT, "INVALID_TOKEN_RESPONSE",
            "Cannot log in to Salesforce: the token response has no access_token or instance_url");
      }
      return new AccessToken(Secret.of(token), URI.create(instance.replaceAll("/+$", "")));
    } catch (IOException e) {
      throw new DestinationException(ErrorKind.PERMANENT, "INVALID_TOKEN_RESPONSE",
          "Cannot log in to Salesforce: the token response is not JSON", e);
    }
  }
}
