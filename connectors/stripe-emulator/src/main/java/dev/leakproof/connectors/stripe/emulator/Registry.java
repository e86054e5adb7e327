package dev.leakproof.connectors.stripe.emulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Objects of one kind by id, in creation order; replacing an object keeps its place. Thread-safe.
 *
 * @param <T> the immutable snapshot type stored
 */
final class Registry<T> {

  private final String kind;
  private final Map<String, T> items = new LinkedHashMap<>();

  /** @param kind the name Stripe uses in "No such ..." messages, e.g. {@code customer} */
  Registry(String kind) {
    this.kind = kind;
  }

  String kind() {
    return kind;
  }

  synchronized void put(String id, T item) {
    items.put(id, item);
  }

  synchronized T get(String id) {
    return items.get(id);
  }

  /**
   * The object with this id.
   *
   * @throws ApiError 404 {@code resource_missing} if there is none
   */
  T require(String id, String param) {
    T item = get(id);
    if (item == null) {
      throw ApiError.notFound(kind, id, param);
    }
    return item;
  }

  synchronized T remove(String id) {
    return items.remove(id);
  }

  synchronized List<T> all() {
    return List.copyOf(items.values());
  }

  /** The matching objects, newest first (the order of Stripe's list endpoints). */
  synchronized List<T> newestFirst(Predicate<T> filter) {
    List<T> out = new ArrayList<>();
    for (T item : items.values()) {
      if (filter.test(item)) {
        out.add(item);
      }
    }
    Collections.reverse(out);
    return out;
  }

  synchronized int size() {
    return items.size();
  }

  synchronized void clear() {
    items.clear();
  }
}
