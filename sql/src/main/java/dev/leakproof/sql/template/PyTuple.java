package dev.leakproof.sql.template;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/** Python's tuple: an immutable list that prints as {@code (a, b)}. */
public final class PyTuple extends AbstractList<Object> implements RandomAccess {

  private final Object[] items;

  public PyTuple(List<?> items) {
    this.items = items.toArray();
  }

  public static PyTuple of(Object... items) {
    return new PyTuple(java.util.Arrays.asList(items));
  }

  @Override
  public Object get(int index) {
    return items[index];
  }

  @Override
  public int size() {
    return items.length;
  }
}
