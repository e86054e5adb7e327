package dev.leakproof.datagen;

import dev.leakproof.core.Contract;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The labels of the leak shapes, one per affected contract-month, written to a folder outside the
 * dataset (so that a model reading the dataset cannot see them): {@code shape_labels.csv} and a
 * {@code summary.json} with instances and contract-months per shape. Each file is written under a
 * temporary name and then moved into place, so a reader never sees half a file.
 */
final class ShapeLabels {

  static final String LABELS = "shape_labels.csv";
  static final String SUMMARY = "summary.json";

  private record Row(String account, String contract, YearMonth month, ShapeKind kind, String detail) {}

  private final GeneratorConfig config;
  private final List<Row> rows = new ArrayList<>();

  ShapeLabels(GeneratorConfig config) {
    this.config = config;
  }

  void add(AccountPlan a, Contract c, YearMonth month, String detail) {
    rows.add(new Row(a.id, c.contractId(), month, a.shape.kind(), detail));
  }

  /** Labels of a usage or seat shape: every month of the current contract from m0 to the last closed. */
  void addReported(AccountPlan a, YearMonth lastClosed) {
    Contract c = a.current();
    Shape s = a.shape;
    YearMonth last = c.endMonth().isBefore(lastClosed) ? c.endMonth() : lastClosed;
    for (YearMonth m = s.from(); !m.isAfter(last); m = m.plusMonths(1)) {
      add(a, c, m, s.kind() == ShapeKind.SEAT_FREEZE
          ? String.format(Locale.ROOT, "no seat events since %s; usage x%.2f", s.from(), s.growth(m))
          : String.format(Locale.ROOT, "workspace %s reports %.2f of usage",
              SourceTables.workspaceId(a, s.workspace()), 1 - s.rate()));
    }
  }

  /** Instances (accounts) per shape code, in {@link ShapeKind} order. */
  static Map<String, Long> instances(List<AccountPlan> plans) {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (ShapeKind k : ShapeKind.values()) {
      counts.put(k.code, plans.stream().filter(a -> a.shape != null && a.shape.kind() == k).count());
    }
    return counts;
  }

  void write(Path dir, Map<String, Long> instances) throws IOException {
    Files.createDirectories(dir);
    rows.sort(Comparator.comparing(Row::account).thenComparing(Row::contract).thenComparing(Row::month));
    Path csvTemp = dir.resolve(LABELS + ".tmp");
    try (CsvWriter csv = new CsvWriter(csvTemp, "account_id", "contract_id", "month", "shape", "detail")) {
      for (Row r : rows) {
        csv.row(r.account, r.contract, r.month, r.kind.code, r.detail);
      }
    }
    moveIntoPlace(csvTemp, dir.resolve(LABELS));
    StringBuilder b = new StringBuilder(512);
    b.append("{\n  \"seed\": ").append(config.seed())
        .append(",\n  \"accounts\": ").append(config.accounts())
        .append(",\n  \"as_of\": \"").append(config.asOf())
        .append("\",\n  \"shape_rate\": ").append(config.shapeRate())
        .append(",\n  \"shapes\": {");
    String sep = "\n    ";
    for (ShapeKind k : ShapeKind.values()) {
      long months = rows.stream().filter(r -> r.kind == k).count();
      b.append(sep).append('"').append(k.code).append("\": {\"instances\": ").append(instances.get(k.code))
          .append(", \"contract_months\": ").append(months).append('}');
      sep = ",\n    ";
    }
    b.append("\n  }\n}\n");
    Path jsonTemp = dir.resolve(SUMMARY + ".tmp");
    Files.writeString(jsonTemp, b, StandardCharsets.UTF_8);
    moveIntoPlace(jsonTemp, dir.resolve(SUMMARY));
  }

  private static void moveIntoPlace(Path temp, Path target) throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
