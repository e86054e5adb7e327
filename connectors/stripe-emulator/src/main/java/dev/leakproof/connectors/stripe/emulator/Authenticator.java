package dev.leakproof.connectors.stripe.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Checks {@code Authorization}: {@code Bearer <key>} or HTTP Basic with the key as user name, as
 * Stripe accepts. API endpoints need the configured secret key; the v2 meter event stream needs the
 * {@code authentication_token} of an unexpired meter event session.
 */
final class Authenticator {

  static final String NO_KEY = "You did not provide an API key. You need to provide your API key in the Authorization header, "
      + "using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').";

  private final String secretKey;
  private final SessionStore sessions;

  Authenticator(String secretKey, SessionStore sessions) {
    this.secretKey = secretKey;
    this.sessions = sessions;
  }

  /**
   * The credential the request presents, once it is known to be valid for {@code kind}.
   *
   * @throws ApiError 401; for the stream with an unknown or expired token, the v2
   *     {@code temporary_session_expired} error that the Stripe SDK turns into TemporarySessionExpiredException
   */
  String authenticate(Request request, Route.Auth kind) {
    String key = credential(request.header("Authorization"));
    if (key == null) {
      throw ApiError.unauthorized(NO_KEY);
    }
    if (kind == Route.Auth.SECRET_KEY) {
      if (!key.equals(secretKey)) {
        throw ApiError.unauthorized("Invalid API Key provided: " + mask(key));
      }
      return key;
    }
    if (key.equals(secretKey)) {
      throw ApiError.unauthorized("Invalid API Key provided: " + mask(key) + " (the meter event stream takes the "
          + "authentication_token of a meter event session, not a secret key)");
    }
    if (!sessions.isValid(key)) {
      throw new ApiError(401, "temporary_session_expired", "billing_meter_event_session_expired",
          "The temporary session token has expired or is unknown. Create a new meter event session "
              + "(POST /v2/billing/meter_event_session) and retry with its authentication_token.", null, 0);
    }
    return key;
  }

  /** Keeps the {@code sk_test_} style prefix and the last four characters: {@code sk_test_****...ator}. */
  static String mask(String key) {
    if (key == null) {
      return "null";
    }
    int second = key.indexOf('_', key.indexOf('_') + 1);
    int keep = second > 0 && second < 9 ? second + 1 : 0;
    if (key.length() - keep <= 4) {
      return key.substring(0, keep) + "*".repeat(key.length() - keep);
    }
    return key.substring(0, keep) + "*".repeat(key.length() - keep - 4) + key.substring(key.length() - 4);
  }

  private static String credential(String header) {
    if (header == null) {
      return null;
    }
    String h = header.trim();
    if (h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      String key = h.substring(7).trim();
      return key.isEmpty() ? null : key;
    }
    if (h.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(h.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        String user = colon < 0 ? decoded : decoded.substring(0, colon);
        return user.isEmpty() ? null : user;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return null;
  }
}
