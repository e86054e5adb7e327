package dev.leakproof.connectors.stripe.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The read-only demo page at {@code GET /}: customers, meters, usage per customer, meter and UTC day
 * (non-cancelled events, summary delay ignored), recent adjustments, invoice items, stream counters
 * and recent stream errors. No authentication; refreshes every 5 s.
 */
final class HtmlPage {

  private static final int MAX_ROWS = 500;

  private final StripeEmulator emulator;
  private final State state;

  HtmlPage(StripeEmulator emulator, State state) {
    this.emulator = emulator;
    this.state = state;
  }

  void handle(HttpExchange ex) throws IOException {
    StringBuilder h = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">"
        + "<meta http-equiv=\"refresh\" content=\"5\"><title>Stripe emulator</title><style>"
        + "body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;font-size:13px;margin-bottom:2em}"
        + "td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}th{background:#eeeefa}</style></head><body>"
        + "<h1>Stripe emulator</h1><p>Emulator time: " + emulator.now() + " &nbsp; mode: " + (state.livemode ? "live" : "test") + "</p>");
    List<CustomerSnapshot> customers = state.customers.newestFirst(c -> true);
    table(h, "Customers (" + customers.size() + ")", List.of("Id", "Name", "Email", "Metadata", "Created"),
        customers.stream().map(c -> List.of(c.id(), text(c.name()), text(c.email()), c.metadata().toString(), c.created().toString())).toList());
    table(h, "Meters", List.of("Id", "Event name", "Display name", "Formula", "Customer key", "Value key", "Status"),
        state.meters.registry().newestFirst(m -> true).stream().map(m -> List.of(m.id(), m.eventName(), m.displayName(),
            m.aggregation().apiName(), m.customerPayloadKey(), m.valuePayloadKey(), m.status())).toList());
    table(h, "Usage per customer, meter and day (" + state.events.size() + " events)", List.of("Customer", "Meter", "Day (UTC)", "Events", "Sum"),
        dailyTotals());
    table(h, "Recent adjustments", List.of("Id", "Event name", "Identifier", "Created", "Status", "Via"),
        newestFirst(emulator.meterEventAdjustments()).stream().limit(50).map(a -> List.of(text(a.id()), a.eventName(), a.identifier(),
            a.created().toString(), a.status(), a.source().name())).toList());
    table(h, "Invoice items", List.of("Id", "Customer", "Amount", "Currency", "Description", "Period", "Metadata"),
        state.invoiceItems.newestFirst(i -> true).stream().map(i -> List.of(i.id(), i.customerId(), Long.toString(i.amount()),
            i.currency(), text(i.description()), i.periodStart() + " .. " + i.periodEnd(), i.metadata().toString())).toList());
    StreamStats s = emulator.acceptedStreamEvents();
    h.append("<h2>v2 stream</h2><p>").append(s.requests()).append(" requests, ").append(s.events()).append(" events (")
        .append(s.stored()).append(" stored, ").append(s.duplicates()).append(" duplicates, ").append(s.invalid())
        .append(" invalid), ").append(Math.round(s.eventsPerSecond())).append(" events/s</p>");
    table(h, "Recent stream errors (" + state.events.errorCount() + ")", List.of("Code", "Message", "Event name", "Identifier", "Received"),
        newestFirst(emulator.meterEventErrors()).stream().limit(50).map(e -> List.of(e.code(), e.message(), text(e.eventName()),
            text(e.identifier()), e.receivedAt().toString())).toList());
    HttpIo.sendHtml(ex, h.append("</body></html>").toString());
  }

  private record DayKey(String customerId, String meterId, long epochDay) implements Comparable<DayKey> {
    @Override
    public int compareTo(DayKey o) {
      int c = customerId.compareTo(o.customerId);
      c = c != 0 ? c : meterId.compareTo(o.meterId);
      return c != 0 ? c : Long.compare(epochDay, o.epochDay);
    }
  }

  private List<List<String>> dailyTotals() {
    Map<DayKey, long[]> totals = new HashMap<>();
    state.events.forEach(e -> {
      if (!e.cancelled) {
        long[] t = totals.computeIfAbsent(new DayKey(e.customerId, e.meterId, Math.floorDiv(e.timestampMillis, 86_400_000L)), k -> new long[2]);
        t[0]++;
        t[1] += e.value;
      }
    });
    return new TreeMap<>(totals).entrySet().stream().map(e -> List.of(e.getKey().customerId(), e.getKey().meterId(),
        LocalDate.ofEpochDay(e.getKey().epochDay()).toString(), Long.toString(e.getValue()[0]), Long.toString(e.getValue()[1]))).toList();
  }

  private static void table(StringBuilder h, String title, List<String> headers, List<List<String>> rows) {
    h.append("<h2>").append(esc(title)).append("</h2><table><tr>");
    headers.forEach(c -> h.append("<th>").append(esc(c)).append("</th>"));
    h.append("</tr>");
    rows.stream().limit(MAX_ROWS).forEach(r -> {
      h.append("<tr>");
      r.forEach(c -> h.append("<td>").append(esc(c)).append("</td>"));
      h.append("</tr>");
    });
    h.append("</table>");
    if (rows.size() > MAX_ROWS) {
      h.append("<p>first ").append(MAX_ROWS).append(" of ").append(rows.size()).append(" shown</p>");
    }
  }

  private static <T> List<T> newestFirst(List<T> oldestFirst) {
    List<T> out = new ArrayList<>(oldestFirst);
    Collections.reverse(out);
    return out;
  }

  private static String text(String s) {
    return s == null ? "" : s;
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }
}
