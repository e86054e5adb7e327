package dev.leakproof.connectors.stripe.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Stripe's list object {@code {"object":"list","data":[...],"has_more":...,"url":...}} with cursor
 * pagination: {@code limit} (1-100, default 10), {@code starting_after} and {@code ending_before}.
 */
final class ListPage {

  private ListPage() {
  }

  /**
   * One page of {@code items} (already in list order, newest first for Stripe's lists).
   *
   * @throws ApiError for a bad limit, both cursors at once, or a cursor not in the list
   */
  static <T> Map<String, Object> of(List<T> items, Function<T, String> idOf, Function<T, Object> json, Params params,
      String url, String kind) {
    int limit = limit(params);
    String after = params.string("starting_after");
    String before = params.string("ending_before");
    if (after != null && before != null) {
      throw ApiError.invalid(null, "You may only specify one of these parameters: ending_before, starting_after.", "ending_before");
    }
    int from;
    int to;
    boolean hasMore;
    if (after != null) {
      from = indexOf(items, idOf, after, kind, "starting_after") + 1;
      to = Math.min(items.size(), from + limit);
      hasMore = to < items.size();
    } else if (before != null) {
      to = indexOf(items, idOf, before, kind, "ending_before");
      from = Math.max(0, to - limit);
      hasMore = from > 0;
    } else {
      from = 0;
      to = Math.min(items.size(), limit);
      hasMore = to < items.size();
    }
    List<Object> data = new ArrayList<>(to - from);
    for (T item : items.subList(from, to)) {
      data.add(json.apply(item));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("object", "list");
    out.put("data", data);
    out.put("has_more", hasMore);
    out.put("url", url);
    return out;
  }

  static int limit(Params params) {
    Long limit = params.integer("limit");
    if (limit == null) {
      return 10;
    }
    if (limit < 1 || limit > 100) {
      throw ApiError.invalid(null, "Invalid limit: " + limit + " (must be between 1 and 100)", "limit");
    }
    return limit.intValue();
  }

  private static <T> int indexOf(List<T> items, Function<T, String> idOf, String id, String kind, String param) {
    for (int i = 0; i < items.size(); i++) {
      if (idOf.apply(items.get(i)).equals(id)) {
        return i;
      }
    }
    throw ApiError.invalid("resource_missing", "No such " + kind + ": '" + id + "'", param);
  }
}
