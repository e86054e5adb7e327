package dev.leakproof.datagen;

import dev.leakproof.core.EventStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes seat events in arrival order (a few minutes after they occur) with noise that cannot
 * change seats_used: re-sent duplicates, lines with an invalid action under a fresh id, and
 * instants rendered at non-UTC offsets. Withheld events and their noise are left out.
 */
final class SeatWriter {

  private static final int[] OFFSETS = {-480, -300, 120, 330, 540};
  private static final int DUPLICATE = 1;
  private static final int INVALID = 2;
  private static final int OFFSET = 3;

  private final SeatLog log;
  private final byte[][] wsIds;
  private final byte[] kind;
  private final long[] arrival;
  private final long[] keys;
  private final long[] invalidIds;
  private final int lines;
  private final long[] counts = new long[4];

  SeatWriter(GeneratorConfig config, SeatLog log, byte[][] wsIds) {
    if (log.size >= (1 << 25)) {
      throw new IllegalStateException("Cannot write " + log.size + " seat events (at most 33554431)");
    }
    this.log = log;
    this.wsIds = wsIds;
    this.kind = new byte[log.size];
    this.arrival = new long[log.size];
    long min = Long.MAX_VALUE;
    int n = log.size;
    int extra = 0;
    int invalid = 0;
    for (int i = 0; i < log.size; i++) {
      long h = Mix.hash(config.seed(), Mix.SEAT_NOISE, i);
      arrival[i] = log.occurred[i] + 1 + Mix.below(Mix.mix(h), 600);
      min = Math.min(min, log.occurred[i]);
      if (Mix.unit(h) < config.noiseRate()) {
        double v = Mix.unit(Mix.mix(h ^ 0x5DEECE66DL));
        kind[i] = (byte) (v < 0.5 ? DUPLICATE : v < 0.7 ? INVALID : OFFSET);
        invalid += kind[i] == INVALID ? 1 : 0;
        if (!log.withheld.get(i)) {
          counts[kind[i]]++;
          extra += kind[i] == OFFSET ? 0 : 1;
        }
      }
    }
    this.lines = log.written() + extra;
    this.keys = new long[lines];
    // Withheld invalid lines keep their place in the numbering so that no other line changes.
    this.invalidIds = new long[invalid];
    int k = 0;
    int inv = 0;
    for (int i = 0; i < n; i++) {
      if (log.withheld.get(i)) {
        if (kind[i] == INVALID) {
          invalidIds[inv++] = i;
        }
        continue;
      }
      keys[k++] = ((arrival[i] - min) << 27) | ((long) i << 2);
      if (kind[i] == DUPLICATE) {
        long again = arrival[i] + 60 + Mix.below(Mix.hash(config.seed(), Mix.SEAT_NOISE, i, 1), 7200);
        keys[k++] = ((again - min) << 27) | ((long) i << 2) | DUPLICATE;
      } else if (kind[i] == INVALID) {
        invalidIds[inv++] = i;
        keys[k++] = ((arrival[i] + 5 - min) << 27) | ((long) i << 2) | INVALID;
      }
    }
    Arrays.sort(keys);
  }

  int lines() {
    return lines;
  }

  Map<String, Long> noise() {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("duplicate", counts[DUPLICATE]);
    m.put("invalid_action", counts[INVALID]);
    m.put("offset", counts[OFFSET]);
    return m;
  }

  Map<String, Long> write(Path dir, Progress progress) throws IOException {
    JsonLine line = new JsonLine();
    SplitFileWriter out = new SplitFileWriter(dir, EventStream.SEATS.filePrefix(), lines);
    try (out) {
      for (long key : keys) {
        int i = (int) ((key >>> 2) & ((1L << 25) - 1));
        int variant = (int) (key & 3);
        line.reset().raw("{\"event_id\": \"se-");
        if (variant == INVALID) {
          line.num(log.size + 1 + Arrays.binarySearch(invalidIds, i));
        } else {
          line.num(i + 1);
        }
        line.raw("\", \"workspace_id\": \"").raw(wsIds[log.ws[i]]).raw("\", \"user_id\": \"u").num(log.user[i]);
        line.raw("\", \"action\": \"").raw(variant == INVALID ? "suspended"
            : log.action[i] == SeatLog.ADDED ? "added" : "removed");
        int offset = kind[i] == OFFSET ? OFFSETS[Mix.below(arrival[i], OFFSETS.length)] : 0;
        line.raw("\", \"occurred_at\": \"").timestamp(log.occurred[i], offset).raw("\"}");
        out.line(line.bytes(), line.length());
        progress.add(1);
      }
    }
    return out.counts();
  }
}
