package dev.leakproof.datagen;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a noisy usage event and its extra lines so that, once hygiene is applied, the event's
 * effective quantity is exactly the planned one: re-sends and conflicts come later and are dropped
 * or quarantined, corrections restate the planned quantity over a wrong original, orphan and
 * mismatched corrections and broken lines are quarantined, late and offset events keep their UTC
 * instant.
 */
final class UsageNoiseEmitter {

  private static final int[] OFFSETS = {-480, -300, 120, 330, 540};

  private final long seed;
  private final NoisePlan plan;
  private final long asOfDay;
  private final UsageWriter writer;
  private long nextExtraId;
  private long offsetDayChanges;
  private long offsetMonthChanges;

  UsageNoiseEmitter(GeneratorConfig config, NoisePlan plan, long baseEvents, UsageWriter writer) {
    this.seed = config.seed();
    this.plan = plan;
    this.asOfDay = config.asOf().toEpochDay();
    this.writer = writer;
    this.nextExtraId = baseEvents + 1;
  }

  /** Offsets whose local date, or local month, differs from the UTC one. */
  Map<String, Long> observed() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("offset_local_date_differs", offsetDayChanges);
    m.put("offset_local_month_differs", offsetMonthChanges);
    return m;
  }

  void emit(UsageNoise kind, long o, AccountPlan a, int wsLocal, int metric, long q, long occurred, int delay) {
    long h = Mix.hash(seed, Mix.NOISE, o, 2);
    long h2 = Mix.mix(h);
    int ws = a.wsBase + wsLocal;
    long id = o + 1;
    long received = occurred + delay;
    switch (kind) {
      case DUPLICATE -> {
        normal(received, occurred, ws, metric, q, id);
        long again = received + 30 + Mix.below(h, 7200);
        writer.put(again, occurred, Mix.below(h2, 10) < 3 ? received : again, ws, metric, q, id, -1,
            UsageLineStyle.NORMAL, 0);
      }
      case CONFLICT -> {
        normal(received, occurred, ws, metric, q, id);
        long again = received + 60 + Mix.below(h, 7200);
        boolean moveTime = Mix.below(h2, 2) == 0;
        writer.put(again, moveTime ? occurred + 1 + Mix.below(h2 >>> 8, 600) : occurred, again, ws, metric,
            moveTime ? q : q + 1 + Mix.below(h2 >>> 8, (int) Math.max(1, Math.min(q / 3, 100_000))),
            id, -1, UsageLineStyle.NORMAL, 0);
      }
      case CORRECTION, DOUBLE_CORRECTION -> {
        normal(received, occurred, ws, metric, wrong(q, h), id);
        long at = received + 60 + Mix.below(h2, 172_800);
        if (kind == UsageNoise.DOUBLE_CORRECTION) {
          writer.put(at, occurred, at, ws, metric, wrong(q, h2), nextExtraId++, id, UsageLineStyle.NORMAL, 0);
          at += 60 + Mix.below(h2 >>> 20, 86_400);
        }
        writer.put(at, occurred, at, ws, metric, q, nextExtraId++, id, UsageLineStyle.NORMAL, 0);
      }
      case ORPHAN_CORRECTION -> {
        int d = Math.max(delay, 4);
        long early = occurred + d / 2;
        writer.put(early, occurred, early, ws, metric, wrong(q, h), nextExtraId++, id, UsageLineStyle.NORMAL, 0);
        normal(occurred + d, occurred, ws, metric, q, id);
      }
      case CORRECTION_MISMATCH -> {
        normal(received, occurred, ws, metric, q, id);
        long at = received + 60 + Mix.below(h, 86_400);
        boolean otherWs = a.wsCount > 1 && Mix.below(h2, 2) == 0;
        int badWs = otherWs ? a.wsBase + (wsLocal + 1) % a.wsCount : ws;
        int badMetric = otherWs ? metric : (metric + 1 + Mix.below(h2 >>> 8, 2)) % 3;
        writer.put(at, occurred, at, badWs, badMetric, wrong(q, h), nextExtraId++, id, UsageLineStyle.NORMAL, 0);
      }
      case LATE -> {
        long late = occurred + plan.lateDays(o) * 86_400L + Mix.below(h, 7200);
        normal(late, occurred, ws, metric, q, id);
      }
      case OFFSET -> offset(h, h2, occurred, delay, ws, metric, q, id);
      default -> {
        normal(received, occurred, ws, metric, q, id);
        junk(kind, h, h2, received, occurred, ws, metric);
      }
    }
  }

  private void normal(long received, long occurred, int ws, int metric, long q, long id) {
    writer.put(received, occurred, received, ws, metric, q, id, -1, UsageLineStyle.NORMAL, 0);
  }

  private static long wrong(long q, long h) {
    return q + 1 + Mix.below(h >>> 3, (int) Math.max(1, Math.min(q, 1_000_000)));
  }

  /** Renders the instant at a non-UTC offset; on month edges, one that moves the local date across. */
  private void offset(long h, long h2, long occurred, int delay, int ws, int metric, long q, long id) {
    long dayStart = Math.floorDiv(occurred, 86_400L) * 86_400L;
    LocalDate date = LocalDate.ofEpochDay(dayStart / 86_400L);
    int offset = OFFSETS[Mix.below(h, OFFSETS.length)];
    long at = occurred;
    if (date.getDayOfMonth() == 1 && Mix.below(h2, 3) > 0) {
      offset = -480;
      at = dayStart + Mix.below(h2 >>> 8, 8 * 3600);
    } else if (date.getDayOfMonth() == date.lengthOfMonth() && Mix.below(h2, 3) > 0) {
      offset = 330;
      at = dayStart + 20 * 3600 + Mix.below(h2 >>> 8, 4 * 3600);
    }
    long localDay = Math.floorDiv(at + offset * 60L, 86_400L);
    if (localDay != dayStart / 86_400L) {
      offsetDayChanges++;
      if (LocalDate.ofEpochDay(localDay).getMonthValue() != date.getMonthValue()) {
        offsetMonthChanges++;
      }
    }
    writer.put(at + delay, at, at + delay, ws, metric, q, id, -1, UsageLineStyle.NORMAL, offset);
  }

  /** One broken line next to the event, with a fresh id; it must be quarantined for one reason. */
  private void junk(UsageNoise kind, long h, long h2, long received, long occurred, int ws, int metric) {
    long at = received + 1 + Mix.below(h, 30);
    long qty = 1 + Mix.below(h2, 50);
    int variant = Mix.below(h2 >>> 16, 12);
    UsageLineStyle style = switch (kind) {
      case MALFORMED_JSON -> UsageLineStyle.TRUNCATED;
      case NOT_AN_OBJECT -> UsageLineStyle.ARRAY;
      case MISSING_FIELD -> new UsageLineStyle[] {UsageLineStyle.NO_WORKSPACE, UsageLineStyle.NULL_METRIC,
          UsageLineStyle.EMPTY_OCCURRED_AT, UsageLineStyle.NO_EVENT_ID}[variant % 4];
      case INVALID_QUANTITY -> variant % 2 == 0 ? UsageLineStyle.QUANTITY_AS_STRING : UsageLineStyle.NEGATIVE_QUANTITY;
      case INVALID_TIMESTAMP -> new UsageLineStyle[] {UsageLineStyle.NO_OFFSET, UsageLineStyle.SPACE_NO_OFFSET,
          UsageLineStyle.GARBAGE_TIMESTAMP}[variant % 3];
      default -> UsageLineStyle.NORMAL;
    };
    long when = kind == UsageNoise.FUTURE_TIMESTAMP
        ? (asOfDay + 2 + Mix.below(h2 >>> 24, 28)) * 86_400L + Mix.below(h >>> 24, 86_400) : occurred;
    int badWs = kind == UsageNoise.UNKNOWN_WORKSPACE ? -(1 + Mix.below(h2 >>> 32, 1000)) : ws;
    int badMetric = kind == UsageNoise.UNKNOWN_METRIC ? 3 : metric;
    writer.put(at, when, -1, badWs, badMetric, qty, nextExtraId++, -1, style, 0);
  }
}
