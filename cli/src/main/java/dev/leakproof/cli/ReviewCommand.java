package dev.leakproof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.leakproof.cli.support.AtomicFiles;
import dev.leakproof.cli.support.ExistingWarehouse;
import dev.leakproof.cli.support.UsageException;
import dev.leakproof.schemas.csv.CsvWriter;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leakproof review}: the contract compliance review, clean / flag / escalate, routed to owners. */
@Command(name = "review", mixinStandardHelpOptions = true,
    description = {"Writes the contract compliance review from the mart contract_status: review.csv (every contract "
        + "in scope with its status, reasons, amounts and the owner it is routed to) and one review-OWNER.md per "
        + "owner, escalations first.",
        "Contracts with an anomaly finding of the learned model are flagged, the reason naming the months, the "
        + "score and the drivers. review.csv ends with leak_type, period_start, period_end and an empty decision "
        + "column: fill it with confirmed or dismissed, and the file is read back as labels for the models.",
        "--scope renewing: the contracts renewing within 90 days (the scan before each renewal); --scope all: the "
        + "quarterly audit. Owners: the account's CSM, or who --owners maps the CSM to; escalate_to (in the owners "
        + "file) is copied on every escalation."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:written", "1:internal failure", "2:unusable arguments, a bad owners file, or no "
        + "contract_status in the warehouse"})
final class ReviewCommand implements Callable<Integer> {

  /** Which contracts are reviewed. */
  enum Scope { renewing, all }

  @Option(names = "--warehouse", required = true, paramLabel = "FILE", description = "The DuckDB warehouse.")
  Path warehouse;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where review.csv and the owners' "
      + "files are written (replaced atomically).")
  Path out;

  @Option(names = "--scope", defaultValue = "all", paramLabel = "SCOPE",
      description = "renewing or all (default: ${DEFAULT-VALUE}).")
  Scope scope;

  @Option(names = "--owners", paramLabel = "FILE", description = "YAML: default: ADDRESS (contracts with no CSM), "
      + "escalate_to: ADDRESS, owners: {CSM_EMAIL: OWNER}.")
  Path ownersFile;

  record Owners(String fallback, String escalateTo, Map<String, String> byCsm) {
    String route(String csm) {
      if (csm != null && byCsm.containsKey(csm)) {
        return byCsm.get(csm);
      }
      return csm != null && !csm.isBlank() ? csm : fallback;
    }
  }

  @Override
  public Integer call() throws Exception {
    Owners owners = owners();
    List<Map<String, Object>> rows;
    try (DuckDbWarehouse db = ExistingWarehouse.open(warehouse)) {
      String s = db.defaultSchema();
      rows = db.query("SELECT c.contract_id, c.account_id, c.account_name, c.owner, c.currency, c.status, "
          + "c.status_reason, c.findings, c.leakage_amount, c.dispute_amount, c.risk_amount, c.opportunity_amount, "
          + "c.end_date, p.renewal_date, p.days_to_renewal, c.leak_types AS leak_type, "
          + "c.period_start_label AS period_start, c.period_end_label AS period_end FROM " + s
          + ".contract_status c LEFT JOIN " + s + ".renewal_pipeline p ON p.contract_id = c.contract_id"
          + (scope == Scope.renewing ? " WHERE p.days_to_renewal <= 90" : "")
          + " ORDER BY CASE c.status WHEN 'escalate' THEN 0 WHEN 'flag' THEN 1 ELSE 2 END, c.leakage_amount DESC, "
          + "c.contract_id");
    } catch (SQLException e) {
      throw new UsageException("Cannot review: " + e.getMessage().lines().findFirst().orElse("")
          + " (build the models first: leakproof models build)");
    }
    Map<String, List<Map<String, Object>>> byOwner = new TreeMap<>();
    Map<String, Integer> counts = new TreeMap<>();
    for (Map<String, Object> r : rows) {
      String owner = owners.route((String) r.get("owner"));
      r.put("routed_to", owner);
      byOwner.computeIfAbsent(owner, k -> new ArrayList<>()).add(r);
      if ("escalate".equals(r.get("status")) && owners.escalateTo() != null && !owners.escalateTo().equals(owner)) {
        byOwner.computeIfAbsent(owners.escalateTo(), k -> new ArrayList<>()).add(r);
      }
      counts.merge((String) r.get("status"), 1, Integer::sum);
    }
    write(rows, byOwner);
    System.out.printf(Locale.ROOT, "review (%s): %d contracts: %d escalate, %d flag, %d clean; routed to %d owners; %s%n",
        scope, rows.size(), counts.getOrDefault("escalate", 0), counts.getOrDefault("flag", 0),
        counts.getOrDefault("clean", 0), byOwner.size(), out.resolve("review.csv"));
    return 0;
  }

  private void write(List<Map<String, Object>> rows, Map<String, List<Map<String, Object>>> byOwner)
      throws IOException {
    Files.createDirectories(out);
    try (AtomicFiles files = new AtomicFiles()) {
      files.stage(out.resolve("review.csv"), w -> {
        CsvWriter csv = new CsvWriter(w);
        List<String> cols = List.of("contract_id", "account_id", "account_name", "owner", "routed_to", "status",
            "status_reason", "findings", "currency", "leakage_amount", "dispute_amount", "risk_amount",
            "opportunity_amount", "end_date", "renewal_date", "days_to_renewal", "leak_type", "period_start",
            "period_end", "decision");
        csv.write(cols);
        for (Map<String, Object> r : rows) {
          List<Object> line = new ArrayList<>();
          for (String c : cols) {
            Object v = r.get(c);
            line.add(v == null ? "" : v instanceof java.math.BigDecimal d ? d.toPlainString() : v.toString());
          }
          csv.write(line);
        }
      });
      for (Map.Entry<String, List<Map<String, Object>>> e : byOwner.entrySet()) {
        files.stage(out.resolve("review-" + e.getKey().replaceAll("[^A-Za-z0-9@._-]", "_") + ".md"),
            w -> w.write(markdown(e.getKey(), e.getValue())));
      }
      files.commit();
    }
    // owners with nothing in this review: their files of an earlier review would mislead
    java.util.Set<String> current = new java.util.HashSet<>();
    byOwner.keySet().forEach(o -> current.add("review-" + o.replaceAll("[^A-Za-z0-9@._-]", "_") + ".md"));
    try (java.util.stream.Stream<Path> old = Files.list(out)) {
      for (Path p : old.filter(p -> p.getFileName().toString().matches("review-.*\\.md")
          && !current.contains(p.getFileName().toString())).toList()) {
        Files.delete(p);
      }
    }
  }

  private String markdown(String owner, List<Map<String, Object>> rows) {
    StringBuilder b = new StringBuilder();
    b.append("# Contract review (").append(scope).append(") for ").append(owner).append("\n\n");
    for (String status : List.of("escalate", "flag", "clean")) {
      List<Map<String, Object>> in = rows.stream().filter(r -> status.equals(r.get("status"))).toList();
      b.append("## ").append(status).append(" (").append(in.size()).append(")\n\n");
      if (in.isEmpty()) {
        b.append("None.\n\n");
        continue;
      }
      b.append("| contract | account | leakage | at risk | renews | why |\n|---|---|---:|---:|---|---|\n");
      for (Map<String, Object> r : in) {
        b.append(String.format(Locale.ROOT, "| %s | %s (%s) | %s %s | %s %s | %s | %s |%n", r.get("contract_id"),
            r.get("account_name"), r.get("account_id"), r.get("currency"), plain(r.get("leakage_amount")),
            r.get("currency"), plain(r.get("risk_amount")), r.get("renewal_date") == null ? "" : r.get("renewal_date"),
            String.valueOf(r.get("status_reason")).replace("|", "/")));
      }
      b.append('\n');
    }
    return b.toString();
  }

  private static String plain(Object v) {
    return v instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(v);
  }

  private Owners owners() throws UsageException {
    if (ownersFile == null) {
      return new Owners("unassigned", null, Map.of());
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(ownersFile.toFile());
    } catch (IOException e) {
      throw new UsageException("Invalid --owners " + ownersFile + ": " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (root == null || !root.isObject()) {
      throw new UsageException("Invalid --owners " + ownersFile + ": expected a mapping with default, escalate_to "
          + "and owners");
    }
    Map<String, String> byCsm = new LinkedHashMap<>();
    JsonNode map = root.path("owners");
    if (!map.isMissingNode() && !map.isObject()) {
      throw new UsageException("Invalid --owners " + ownersFile + ": owners must map CSM emails to owners");
    }
    map.fields().forEachRemaining(e -> byCsm.put(e.getKey(), e.getValue().asText()));
    return new Owners(root.path("default").asText("unassigned"), root.hasNonNull("escalate_to")
        ? root.get("escalate_to").asText() : null, byCsm);
  }
}
