package dev.leakproof.connectors.salesforce.emulator;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Issued access tokens and when each expires; expired tokens are pruned as new ones are issued. */
final class TokenStore {

  private static final int MAX_TOKENS = 10_000;

  private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Duration lifetime;
  private final Clock clock;
  private final String orgId;

  TokenStore(Duration lifetime, Clock clock, String orgId) {
    this.lifetime = lifetime;
    this.clock = clock;
    this.orgId = orgId;
  }

  String issue() {
    Instant now = clock.instant();
    expiries.values().removeIf(expiry -> !expiry.isAfter(now));
    if (expiries.size() >= MAX_TOKENS) {
      expiries.clear();
    }
    byte[] bytes = new byte[48];
    random.nextBytes(bytes);
    String token = orgId.substring(0, 15) + "!" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    expiries.put(token, now.plus(lifetime));
    return token;
  }

  boolean isValid(String token) {
    Instant expiry = token == null ? null : expiries.get(token);
    return expiry != null && expiry.isAfter(clock.instant());
  }

  void expireAll() {
    expiries.clear();
  }
}
