package dev.leakproof.datagen;

import java.util.Arrays;

/**
 * The usage lines that arrive on one day, as parallel primitive arrays (no object per event),
 * sorted by arrival time then creation order before they are written.
 */
final class DayBuffer {

  int size;
  long[] placement = new long[1024];
  long[] occurred = new long[1024];
  long[] received = new long[1024];
  long[] quantity = new long[1024];
  long[] id = new long[1024];
  long[] corrects = new long[1024];
  int[] ws = new int[1024];
  byte[] metric = new byte[1024];
  byte[] style = new byte[1024];
  short[] offset = new short[1024];
  private long[] keys = new long[1024];

  void add(long place, long occurredAt, long receivedAt, int workspace, int metricIndex, long qty,
      long eventId, long correctsId, UsageLineStyle lineStyle, int offsetMinutes) {
    if (size == placement.length) {
      grow();
    }
    placement[size] = place;
    occurred[size] = occurredAt;
    received[size] = receivedAt;
    ws[size] = workspace;
    metric[size] = (byte) metricIndex;
    quantity[size] = qty;
    id[size] = eventId;
    corrects[size] = correctsId;
    style[size] = (byte) lineStyle.ordinal();
    offset[size] = (short) offsetMinutes;
    size++;
  }

  /** Sorts and returns entry indexes in arrival order; placements must lie within the day. */
  long[] sortedKeys(long dayStartSecond) {
    for (int i = 0; i < size; i++) {
      keys[i] = ((placement[i] - dayStartSecond) << 40) | i;
    }
    Arrays.sort(keys, 0, size);
    return keys;
  }

  static int index(long key) {
    return (int) (key & ((1L << 40) - 1));
  }

  void clear() {
    size = 0;
  }

  private void grow() {
    int n = placement.length * 2;
    placement = Arrays.copyOf(placement, n);
    occurred = Arrays.copyOf(occurred, n);
    received = Arrays.copyOf(received, n);
    quantity = Arrays.copyOf(quantity, n);
    id = Arrays.copyOf(id, n);
    corrects = Arrays.copyOf(corrects, n);
    ws = Arrays.copyOf(ws, n);
    metric = Arrays.copyOf(metric, n);
    style = Arrays.copyOf(style, n);
    offset = Arrays.copyOf(offset, n);
    keys = Arrays.copyOf(keys, n);
  }
}
