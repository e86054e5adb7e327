package dev.leakproof.connectors.stripe.emulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Saved results of POST requests by {@code Idempotency-Key}, per API key (or session token), kept 24
 * hours of emulator time. A key is reserved when its request starts executing and saved when it
 * answers; a request refused before or during validation releases it, so a retry executes.
 */
final class IdempotencyStore {

  static final Duration RETENTION = Duration.ofHours(24);
  /** Stripe's maximum key length. */
  static final int MAX_KEY_LENGTH = 255;

  /** What to do with a request that carries a key. */
  enum Decision {
    EXECUTE,
    REPLAY,
    MISMATCH,
    IN_PROGRESS
  }

  record Outcome(Decision decision, Response response, String originalRequestId) {
  }

  private record Entry(byte[] fingerprint, long createdMillis, String requestId, Response response) {
  }

  private final EmulatorClock clock;
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  IdempotencyStore(EmulatorClock clock) {
    this.clock = clock;
  }

  /** Reserves the key for this request, or says why not (replay its saved result, different parameters, still running). */
  synchronized Outcome begin(String principal, String key, Request request, String requestId) {
    long now = clock.nowMillis();
    purge(now);
    String slot = principal + '\u0000' + key;
    byte[] fingerprint = fingerprint(request);
    Entry e = entries.get(slot);
    if (e != null && now - e.createdMillis() >= RETENTION.toMillis()) {
      entries.remove(slot);
      e = null;
    }
    if (e == null) {
      entries.put(slot, new Entry(fingerprint, now, requestId, null));
      return new Outcome(Decision.EXECUTE, null, null);
    }
    if (!Arrays.equals(e.fingerprint(), fingerprint)) {
      return new Outcome(Decision.MISMATCH, null, e.requestId());
    }
    return e.response() == null ? new Outcome(Decision.IN_PROGRESS, null, e.requestId())
        : new Outcome(Decision.REPLAY, e.response(), e.requestId());
  }

  synchronized void save(String principal, String key, Response response) {
    String slot = principal + '\u0000' + key;
    Entry e = entries.get(slot);
    if (e != null) {
      entries.put(slot, new Entry(e.fingerprint(), e.createdMillis(), e.requestId(), response));
    }
  }

  synchronized void release(String principal, String key) {
    entries.remove(principal + '\u0000' + key);
  }

  synchronized void clear() {
    entries.clear();
  }

  private void purge(long now) {
    for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
      if (now - it.next().createdMillis() < RETENTION.toMillis()) {
        return;
      }
      it.remove();
    }
  }

  private static byte[] fingerprint(Request request) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update((request.method() + ' ' + request.path() + '\n').getBytes(StandardCharsets.UTF_8));
      sha.update(request.body());
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot fingerprint request: SHA-256 missing", e);
    }
  }
}
