package dev.leakproof.connectors.stripe.emulator;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Meter event sessions: authentication tokens for the v2 stream, valid for 15 minutes of emulator time. */
final class SessionStore {

  /** Stripe's documented session lifetime. */
  static final Duration LIFETIME = Duration.ofMinutes(15);

  record Session(String id, String token, Instant created, Instant expiresAt) {
  }

  private final EmulatorClock clock;
  private final boolean livemode;
  private final Map<String, Session> byToken = new ConcurrentHashMap<>();

  SessionStore(EmulatorClock clock, boolean livemode) {
    this.clock = clock;
    this.livemode = livemode;
  }

  Session create() {
    Instant now = clock.now();
    byToken.values().removeIf(s -> !now.isBefore(s.expiresAt().plus(Duration.ofDays(1))));
    Session s = new Session(Ids.random("mes_", 24), Ids.random(livemode ? "mes_auth_live_" : "mes_auth_test_", 40), now, now.plus(LIFETIME));
    byToken.put(s.token(), s);
    return s;
  }

  boolean isValid(String token) {
    Session s = byToken.get(token);
    return s != null && clock.now().isBefore(s.expiresAt());
  }

  void clear() {
    byToken.clear();
  }
}
