package dev.leakproof.datagen;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * The writing pass over usage slots: splits each slot's quantity into events at random instants of
 * the day, lets {@link UsageNoiseEmitter} add noise, and writes each day's lines in arrival order.
 * Lines that arrive on a later day (late events, re-sends) wait in a small queue until then.
 */
final class UsageWriter implements SlotWalker.Visitor {

  private record Pending(long placement, long seq, byte[] line) {}

  private final long seed;
  private final NoisePlan noise;
  private final UsageNoiseEmitter emitter;
  private final UsageLineRenderer renderer;
  private final SplitFileWriter out;
  private final Progress progress;
  private final DayBuffer buffer = new DayBuffer();
  private final JsonLine line = new JsonLine();
  private final PriorityQueue<Pending> later = new PriorityQueue<>(
      Comparator.comparingLong(Pending::placement).thenComparingLong(Pending::seq));
  private long dayStart;
  private long dayEnd;
  private long seq;

  UsageWriter(GeneratorConfig config, long baseEvents, byte[][] wsIds, SplitFileWriter out, Progress progress) {
    this.seed = config.seed();
    this.noise = new NoisePlan(config);
    this.renderer = new UsageLineRenderer(wsIds);
    this.emitter = new UsageNoiseEmitter(config, noise, baseEvents, this);
    this.out = out;
    this.progress = progress;
  }

  UsageNoiseEmitter emitter() {
    return emitter;
  }

  @Override
  public void slot(long day, int monthIndex, AccountPlan a, int ws, int slot, int count, long quantity, long first) {
    if (count == 0) {
      return;
    }
    dayStart = day * 86_400L;
    dayEnd = dayStart + 86_400L;
    double total = 0;
    for (long o = first; o < first + count; o++) {
      total += 0.5 + Mix.unit(Mix.hash(seed, Mix.SPLIT, o));
    }
    double cum = 0;
    long assigned = 0;
    boolean clean = a.clean();
    for (int j = 0; j < count; j++) {
      long o = first + j;
      cum += 0.5 + Mix.unit(Mix.hash(seed, Mix.SPLIT, o));
      long upTo = j == count - 1 ? quantity : Math.min(quantity, (long) Math.floor(quantity * cum / total));
      long part = upTo - assigned;
      assigned = upTo;
      long h = Mix.hash(seed, Mix.EVENT, o);
      long occurred = dayStart + Mix.below(h, 86_400);
      long h2 = Mix.mix(h);
      int delay = Mix.below(h2, 100) < 80 ? 1 + Mix.below(h2 >>> 8, 90) : 90 + Mix.below(h2 >>> 8, 900);
      UsageNoise kind = noise.kind(o, clean, day);
      if (kind == UsageNoise.NONE) {
        put(occurred + delay, occurred, occurred + delay, a.wsBase + ws, a.metrics[slot], part, o + 1, -1,
            UsageLineStyle.NORMAL, 0);
      } else {
        emitter.emit(kind, o, a, ws, a.metrics[slot], part, occurred, delay);
      }
    }
  }

  /** Queues one line: into today's buffer, or rendered into the later queue when it arrives later. */
  void put(long placement, long occurred, long received, int ws, int metric, long quantity, long id,
      long corrects, UsageLineStyle style, int offset) {
    if (placement < dayEnd) {
      buffer.add(placement, occurred, received, ws, metric, quantity, id, corrects, style, offset);
    } else {
      renderer.render(line, style, id, ws, metric, quantity, occurred, offset, received, corrects);
      later.add(new Pending(placement, seq++, line.copy()));
    }
  }

  @Override
  public void endOfDay(long day) {
    long start = day * 86_400L;
    long[] keys = buffer.sortedKeys(start);
    for (int k = 0; k < buffer.size; k++) {
      int i = DayBuffer.index(keys[k]);
      while (!later.isEmpty() && later.peek().placement() <= buffer.placement[i]) {
        write(later.poll().line());
      }
      renderer.render(line, buffer, i);
      write(line.bytes(), line.length());
    }
    long end = start + 86_400L;
    while (!later.isEmpty() && later.peek().placement() < end) {
      write(later.poll().line());
    }
    buffer.clear();
  }

  /** Writes every line still waiting; call once after the walk. */
  void finish() {
    while (!later.isEmpty()) {
      write(later.poll().line());
    }
  }

  private void write(byte[] bytes) {
    write(bytes, bytes.length);
  }

  private void write(byte[] bytes, int length) {
    try {
      out.line(bytes, length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    progress.add(1);
  }
}
