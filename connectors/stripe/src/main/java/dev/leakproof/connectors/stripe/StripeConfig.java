package dev.leakproof.connectors.stripe;

import dev.leakproof.core.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The Stripe destination's validated configuration: the key (and the mode it implies), where the
 * API and the meter event stream are, the rate limits kept to, how usage is routed, and which
 * billing meter each metric is billed on. {@link #describe()} masks the key.
 */
public record StripeConfig(
    Secret apiKey,
    boolean livemode,
    URI apiBase,
    URI meterEventsBase,
    Limits limits,
    Transport transport,
    int streamThreshold,
    Duration cancelMargin,
    Duration timestampMargin,
    Duration httpTimeout,
    Map<String, String> meters) {

  /** Stripe's windows: meter events may be cancelled for 24 hours and be at most 35 days old. */
  public static final Duration CANCEL_WINDOW = Duration.ofHours(24);
  public static final Duration TIMESTAMP_WINDOW = Duration.ofDays(35);

  /** Meter events through v1 (one per request), v2 (the stream, 100 per request) or by volume. */
  public enum Transport { AUTO, V1, V2 }

  /**
   * Requests or events per second kept to (after the headroom).
   *
   * @param meterEventsOnBasic true in test mode, where v1 meter events count on the basic limit
   * @param streamEvents v2 stream events per second (in test mode: 100 per request on the basic limit)
   */
  public record Limits(double basicPerSecond, double meterEventsPerSecond, boolean meterEventsOnBasic,
      double streamEventsPerSecond) {
    public Limits {
      if (basicPerSecond <= 0 || meterEventsPerSecond <= 0 || streamEventsPerSecond <= 0) {
        throw new IllegalArgumentException("Invalid stripe.rate: every limit must be positive");
      }
    }
  }

  public StripeConfig {
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(apiBase, "apiBase");
    Objects.requireNonNull(meterEventsBase, "meterEventsBase");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(transport, "transport");
    meters = Collections.unmodifiableMap(new LinkedHashMap<>(meters));
    if (streamThreshold < 1) {
      throw new IllegalArgumentException("Invalid stripe.usage.stream-threshold: " + streamThreshold + " (at least 1)");
    }
    if (cancelMargin.isNegative() || cancelMargin.compareTo(CANCEL_WINDOW) >= 0) {
      throw new IllegalArgumentException("Invalid stripe.usage.cancel-margin: " + cancelMargin + " (0..PT24H)");
    }
    if (timestampMargin.isNegative() || timestampMargin.compareTo(TIMESTAMP_WINDOW) >= 0) {
      throw new IllegalArgumentException("Invalid stripe.usage.timestamp-margin: " + timestampMargin + " (0..P35D)");
    }
  }

  /**
   * Builds the configuration from the destinations file's {@code stripe} keys (flattened:
   * {@code rate.basic-per-second}, {@code meters.api_calls}) and the environment.
   *
   * @throws IllegalArgumentException naming the key and value of any invalid or missing setting
   */
  public static StripeConfig from(Map<String, String> file, Map<String, String> env) {
    Map<String, String> meters = new LinkedHashMap<>();
    Map<StripeKey, String> v = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : file.entrySet()) {
      if (e.getKey().startsWith("meters.")) {
        meters.put(e.getKey().substring("meters.".length()), e.getValue().trim());
      } else if (java.util.Arrays.stream(StripeKey.values()).noneMatch(k -> k.key().equals(e.getKey()))) {
        throw new IllegalArgumentException("Invalid stripe." + e.getKey() + ": unknown setting");
      }
    }
    for (StripeKey k : StripeKey.values()) {
      if (k == StripeKey.METERS) {
        continue;
      }
      if (k.isSecret() && file.containsKey(k.key())) {
        throw new IllegalArgumentException("Invalid stripe." + k.key() + ": secrets are read from the environment "
            + "only (set " + k.envVar() + ")");
      }
      String value = env.getOrDefault(k.envVar(), file.getOrDefault(k.key(), k.defaultValue()));
      if (value != null && !value.isBlank()) {
        v.put(k, value.trim());
      }
    }
    String key = v.get(StripeKey.API_KEY);
    if (key == null) {
      key = env.get("STRIPE_API_KEY");
    }
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("Invalid stripe.api-key: missing (set STRIPE_API_KEY "
          + "to a secret key, sk_test_... for test mode)");
    }
    if (!(key.startsWith("sk_") || key.startsWith("rk_"))) {
      throw new IllegalArgumentException("Invalid stripe.api-key: not a secret or restricted key (sk_..., rk_...)");
    }
    boolean live = key.startsWith("sk_live_") || key.startsWith("rk_live_");
    double headroom = 1 - number(v, StripeKey.RATE_HEADROOM_PCT) / 100.0;
    if (headroom <= 0 || headroom > 1) {
      throw new IllegalArgumentException("Invalid stripe.rate.headroom-pct: " + v.get(StripeKey.RATE_HEADROOM_PCT)
          + " (0..99)");
    }
    double basic = v.containsKey(StripeKey.BASIC_PER_SECOND) ? number(v, StripeKey.BASIC_PER_SECOND) : live ? 100 : 25;
    double meterEvents = v.containsKey(StripeKey.METER_EVENTS_PER_SECOND)
        ? number(v, StripeKey.METER_EVENTS_PER_SECOND) : live ? 1000 : basic;
    double stream = v.containsKey(StripeKey.STREAM_EVENTS_PER_SECOND)
        ? number(v, StripeKey.STREAM_EVENTS_PER_SECOND) : live ? 10_000 : basic * 100;
    Limits limits = new Limits(basic * headroom, meterEvents * headroom,
        !live && !v.containsKey(StripeKey.METER_EVENTS_PER_SECOND), stream * headroom);
    Transport transport;
    try {
      transport = Transport.valueOf(v.get(StripeKey.TRANSPORT).toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid stripe.usage.transport: " + v.get(StripeKey.TRANSPORT)
          + " (auto, v1 or v2)");
    }
    return new StripeConfig(Secret.of(key), live, uri(v, StripeKey.API_BASE), uri(v, StripeKey.METER_EVENTS_BASE),
        limits, transport, (int) number(v, StripeKey.STREAM_THRESHOLD), duration(v, StripeKey.CANCEL_MARGIN),
        duration(v, StripeKey.TIMESTAMP_MARGIN), duration(v, StripeKey.HTTP_TIMEOUT), meters);
  }

  /** The meter event name a metric is billed on; empty when the metric is left out ({@code none}). */
  public java.util.Optional<String> meterFor(String metric) {
    String name = meters.get(metric);
    return name == null || name.equalsIgnoreCase("none") ? java.util.Optional.empty() : java.util.Optional.of(name);
  }

  /** Whether the metric is mapped, to a meter or explicitly to none. */
  public boolean maps(String metric) {
    return meters.containsKey(metric);
  }

  /** The settings as {@code key = value} lines, the key masked. */
  public String describe() {
    StringBuilder b = new StringBuilder();
    b.append("stripe.api-key = ").append(apiKey).append(livemode ? " (live mode)\n" : " (test mode)\n");
    b.append("stripe.api-base = ").append(apiBase).append('\n');
    b.append("stripe.meter-events-base = ").append(meterEventsBase).append('\n');
    b.append(String.format(Locale.ROOT, "stripe.rate = basic %.1f/s, v1 meter events %.1f/s%s, v2 stream %.0f "
        + "events/s%n", limits.basicPerSecond(), limits.meterEventsPerSecond(),
        limits.meterEventsOnBasic() ? " (on the basic limit)" : "", limits.streamEventsPerSecond()));
    b.append("stripe.usage.transport = ").append(transport.name().toLowerCase(Locale.ROOT)).append('\n');
    b.append("stripe.usage.stream-threshold = ").append(streamThreshold).append('\n');
    b.append("stripe.usage.cancel-margin = ").append(cancelMargin).append('\n');
    b.append("stripe.usage.timestamp-margin = ").append(timestampMargin).append('\n');
    b.append("stripe.http.timeout = ").append(httpTimeout).append('\n');
    meters.forEach((metric, meter) -> b.append("stripe.meters.").append(metric).append(" = ").append(meter).append('\n'));
    return b.toString();
  }

  private static URI uri(Map<StripeKey, String> v, StripeKey k) {
    URI u = URI.create(v.get(k).replaceAll("/+$", ""));
    if (u.getScheme() == null || !(u.getScheme().equals("https") || u.getScheme().equals("http")) || u.getHost() == null) {
      throw new IllegalArgumentException("Invalid " + k.fullKey() + ": " + v.get(k) + " (an http(s) URL)");
    }
    return u;
  }

  private static double number(Map<StripeKey, String> v, StripeKey k) {
    try {
      return Double.parseDouble(v.get(k).replace("_", ""));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid " + k.fullKey() + ": " + v.get(k) + " (a number)");
    }
  }

  private static Duration duration(Map<StripeKey, String> v, StripeKey k) {
    String text = v.get(k);
    try {
      if (text.matches("\\d+[dD]")) {
        return Duration.ofDays(Long.parseLong(text.substring(0, text.length() - 1)));
      }
      return Duration.parse(text.toUpperCase(Locale.ROOT).startsWith("P") ? text : "PT" + text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("Invalid " + k.fullKey() + ": " + text + " (a duration: 30s, 1h, P1D)");
    }
  }
}
