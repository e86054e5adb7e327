package dev.leakproof.datagen;

import dev.leakproof.core.Contract;
import dev.leakproof.core.Money;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An independent, slow, test-only reading of a dataset folder through the spec's hygiene and leak
 * rules. It knows nothing of the generator: it reads the files, so it checks what the generator
 * claims in injected_leaks.csv and summary.json against what the files actually say.
 */
final class ReferenceAudit {

  /** One finding, with the amount in cents. */
  record Finding(String type, String account, String contract, String metric, String first, String last,
      BigDecimal amount) {
    String key() {
      return String.join("|", type, account, n(contract), n(metric), first, last, amount.toPlainString());
    }

    private static String n(String s) {
      return s == null ? "" : s;
    }
  }

  private record Original(String ws, String metric, Instant occurred) {}

  private record SeatChange(Instant at, String id, String user, boolean added) {}

  final Map<String, Map<String, Long>> quarantined = new TreeMap<>();
  final Map<String, Long> duplicates = new TreeMap<>();
  final Map<String, Long> accepted = new TreeMap<>();
  final List<Finding> findings = new ArrayList<>();

  private final LocalDate asOf;
  private final Map<String, String> wsAccount = new HashMap<>();
  private final Map<String, BigDecimal[]> priceBook = new HashMap<>();
  private final Set<String> metrics = new java.util.HashSet<>();
  private final Map<String, BigDecimal> usage = new HashMap<>();
  private final Map<String, BigDecimal> lastWindow = new HashMap<>();
  private final Map<String, BigDecimal> prevWindow = new HashMap<>();
  private final Map<String, List<SeatChange>> seatChanges = new TreeMap<>();

  private ReferenceAudit(LocalDate asOf) {
    this.asOf = asOf;
  }

  static ReferenceAudit run(Path dir, LocalDate asOf) throws IOException {
    ReferenceAudit audit = new ReferenceAudit(asOf);
    for (Map<String, String> r : Csv.read(dir.resolve("workspaces.csv")).rows) {
      audit.wsAccount.put(r.get("workspace_id"), r.get("account_id"));
    }
    for (Map<String, String> r : Csv.read(dir.resolve("price_book.csv")).rows) {
      audit.priceBook.put(r.get("plan_id") + "|" + r.get("price_version") + "|" + r.get("metric"),
          new BigDecimal[] {new BigDecimal(r.get("included_units")), new BigDecimal(r.get("overage_unit_price"))});
      audit.metrics.add(r.get("metric"));
    }
    audit.usageEvents(files(dir, "usage_events"));
    audit.seatEvents(files(dir, "seat_events"));
    new ReferenceRules(audit, dir).apply();
    return audit;
  }

  private static List<Path> files(Path dir, String prefix) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.toString().endsWith(".jsonl"))
          .sorted().toList();
    }
  }

  private void quarantine(String stream, String reason) {
    quarantined.computeIfAbsent(stream, k -> new TreeMap<>()).merge(reason, 1L, Long::sum);
  }

  private static boolean missing(Object v) {
    return v == null || v == FlatJson.NULL || "".equals(v);
  }

  private static String content(Map<String, Object> m) {
    TreeMap<String, String> t = new TreeMap<>();
    m.forEach((k, v) -> {
      if (!k.equals("received_at")) {
        t.put(k, v instanceof String ? "\"" + v + "\"" : String.valueOf(v));
      }
    });
    return t.toString();
  }

  private static Instant instant(Object v) {
    try {
      return v instanceof String s ? OffsetDateTime.parse(s).toInstant() : null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  /** The checks both streams share, in the spec's order; returns the reason or null. */
  private String common(Map<String, Object> m, List<String> required, Map<String, String> seen, String stream) {
    if (m == null) {
      return "malformed_json";
    }
    for (String f : required) {
      if (missing(m.get(f))) {
        return "missing_field";
      }
    }
    String previous = seen.putIfAbsent(String.valueOf(m.get("event_id")), content(m));
    if (previous != null) {
      if (previous.equals(content(m))) {
        duplicates.merge(stream, 1L, Long::sum);
        return "";
      }
      return "duplicate_conflict";
    }
    return null;
  }

  private String later(Map<String, Object> m) {
    Instant at = instant(m.get("occurred_at"));
    if (at == null) {
      return "invalid_timestamp";
    }
    if (LocalDate.ofInstant(at, ZoneOffset.UTC).isAfter(asOf.plusDays(1))) {
      return "future_timestamp";
    }
    return wsAccount.containsKey(m.get("workspace_id")) ? null : "unknown_workspace";
  }

  private void usageEvents(List<Path> files) throws IOException {
    Map<String, String> seen = new HashMap<>();
    Map<String, Original> originals = new HashMap<>();
    Map<String, BigDecimal> effective = new HashMap<>();
    List<String> required = List.of("event_id", "workspace_id", "metric", "quantity", "occurred_at");
    for (Path file : files) {
      for (String line : Files.readAllLines(file)) {
        Map<String, Object> m = FlatJson.parse(line);
        String reason = common(m, required, seen, "usage");
        if (reason == null && !(m.get("quantity") instanceof BigDecimal q && q.signum() >= 0)) {
          reason = "invalid_quantity";
        }
        reason = reason == null ? later(m) : reason;
        if (reason == null && !metrics.contains(m.get("metric"))) {
          reason = "unknown_metric";
        }
        Object corrects = m == null ? null : m.get("corrects_event_id");
        if (reason == null && !missing(corrects)) {
          Original x = originals.get(corrects.toString());
          if (x == null) {
            reason = "orphan_correction";
          } else if (!x.ws.equals(m.get("workspace_id")) || !x.metric.equals(m.get("metric"))) {
            reason = "correction_mismatch";
          } else {
            effective.put(corrects.toString(), (BigDecimal) m.get("quantity"));
          }
        } else if (reason == null) {
          String id = m.get("event_id").toString();
          originals.put(id, new Original((String) m.get("workspace_id"), (String) m.get("metric"),
              instant(m.get("occurred_at"))));
          effective.put(id, (BigDecimal) m.get("quantity"));
        }
        if (reason == null) {
          accepted.merge("usage", 1L, Long::sum);
        } else if (!reason.isEmpty()) {
          quarantine("usage", reason);
        }
      }
    }
    for (Map.Entry<String, Original> e : originals.entrySet()) {
      Original o = e.getValue();
      String account = wsAccount.get(o.ws);
      LocalDate day = LocalDate.ofInstant(o.occurred, ZoneOffset.UTC);
      BigDecimal q = effective.get(e.getKey());
      usage.merge(account + "|" + YearMonth.from(day) + "|" + o.metric, q, BigDecimal::add);
      if (!day.isBefore(asOf.minusDays(27)) && !day.isAfter(asOf)) {
        lastWindow.merge(account + "|" + o.metric, q, BigDecimal::add);
      } else if (!day.isBefore(asOf.minusDays(55)) && day.isBefore(asOf.minusDays(27))) {
        prevWindow.merge(account + "|" + o.metric, q, BigDecimal::add);
      }
    }
  }

  private void seatEvents(List<Path> files) throws IOException {
    Map<String, String> seen = new HashMap<>();
    List<String> required = List.of("event_id", "workspace_id", "user_id", "action", "occurred_at");
    for (Path file : files) {
      for (String line : Files.readAllLines(file)) {
        Map<String, Object> m = FlatJson.parse(line);
        String reason = common(m, required, seen, "seats");
        if (reason == null && !"added".equals(m.get("action")) && !"removed".equals(m.get("action"))) {
          reason = "invalid_action";
        }
        reason = reason == null ? later(m) : reason;
        if (reason == null) {
          accepted.merge("seats", 1L, Long::sum);
          seatChanges.computeIfAbsent(wsAccount.get(m.get("workspace_id")), k -> new ArrayList<>())
              .add(new SeatChange(instant(m.get("occurred_at")), m.get("event_id").toString(),
                  m.get("user_id").toString(), "added".equals(m.get("action"))));
        } else if (!reason.isEmpty()) {
          quarantine("seats", reason);
        }
      }
    }
  }

  BigDecimal usage(String account, YearMonth m, String metric) {
    return usage.getOrDefault(account + "|" + m + "|" + metric, BigDecimal.ZERO);
  }

  BigDecimal window(String account, String metric, boolean last) {
    return (last ? lastWindow : prevWindow).getOrDefault(account + "|" + metric, BigDecimal.ZERO);
  }

  Set<String> metrics() {
    return metrics;
  }

  BigDecimal[] priceRow(Contract c, String metric) {
    return priceBook.get(c.planId() + "|" + c.priceVersion() + "|" + metric);
  }

  LocalDate asOf() {
    return asOf;
  }

  /** seats_used per month of one account: the count at the start of m, then after each event of m. */
  Map<YearMonth, Integer> seatsUsed(String account) {
    List<SeatChange> changes = new ArrayList<>(seatChanges.getOrDefault(account, List.of()));
    changes.sort((a, b) -> a.at.equals(b.at) ? a.id.compareTo(b.id) : a.at.compareTo(b.at));
    Map<YearMonth, Integer> peak = new TreeMap<>();
    Set<String> active = new java.util.HashSet<>();
    YearMonth month = changes.isEmpty() ? null : YearMonth.from(changes.get(0).at.atZone(ZoneOffset.UTC));
    for (SeatChange c : changes) {
      YearMonth m = YearMonth.from(c.at.atZone(ZoneOffset.UTC));
      while (month.isBefore(m)) {
        month = month.plusMonths(1);
        peak.merge(month, active.size(), Math::max);
      }
      if (c.added) {
        active.add(c.user);
      } else {
        active.remove(c.user);
      }
      peak.merge(m, active.size(), Math::max);
    }
    while (month != null && month.isBefore(YearMonth.from(asOf))) {
      month = month.plusMonths(1);
      peak.merge(month, active.size(), Math::max);
    }
    return peak;
  }

  static BigDecimal cents(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_UP);
  }

  static BigDecimal halfCent() {
    return Money.HALF_CENT;
  }
}
