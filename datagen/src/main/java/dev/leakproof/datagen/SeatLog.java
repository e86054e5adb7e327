package dev.leakproof.datagen;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Every base seat event of the dataset as parallel primitive arrays, in generation order (account
 * by account, time order within an account); the position + 1 is the event's number (se-N).
 * Withheld events (a seat_freeze shape) keep their position, so no other event changes, but are
 * never written.
 */
final class SeatLog {

  static final byte ADDED = 0;
  static final byte REMOVED = 1;

  int size;
  long[] occurred = new long[4096];
  int[] ws = new int[4096];
  int[] user = new int[4096];
  byte[] action = new byte[4096];
  final BitSet withheld = new BitSet();

  void add(long occurredAt, int workspace, int userNo, byte act) {
    if (size == occurred.length) {
      int n = size * 2;
      occurred = Arrays.copyOf(occurred, n);
      ws = Arrays.copyOf(ws, n);
      user = Arrays.copyOf(user, n);
      action = Arrays.copyOf(action, n);
    }
    occurred[size] = occurredAt;
    ws[size] = workspace;
    user[size] = userNo;
    action[size] = act;
    size++;
  }

  /** The events written: all but the withheld ones. */
  int written() {
    return size - withheld.cardinality();
  }
}
