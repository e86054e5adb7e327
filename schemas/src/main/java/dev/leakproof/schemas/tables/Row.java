package dev.leakproof.schemas.tables;

import java.util.Arrays;

/**
 * A validated source row: typed values in the order of its table's columns (null where the
 * column is nullable and the field was empty) and the line it came from.
 */
public record Row(long lineNo, Object[] values) {

  public Object get(int column) {
    return values[column];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Row r && r.lineNo == lineNo && Arrays.equals(r.values, values);
  }

  @Override
  public int hashCode() {
    return 31 * Long.hashCode(lineNo) + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    return "Row[line " + lineNo + ": " + Arrays.toString(values) + "]";
  }
}
