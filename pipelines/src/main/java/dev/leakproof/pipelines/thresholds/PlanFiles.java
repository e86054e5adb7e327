package dev.leakproof.pipelines.thresholds;

import dev.leakproof.schemas.events.ReferenceFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plan limits of a folder in the dataset layout (contracts.csv, price_book.csv,
 * workspaces.csv, and accounts.csv when there is one), reread at most every
 * {@code recheckMillis} when a file's modification time changed. A row the audit's loader would
 * reject (a missing key, a value that does not parse) is left out here: the loader reports it.
 */
final class PlanFiles implements PlanSource {

  private static final long serialVersionUID = 1L;
  private static final List<String> FILES = List.of("contracts.csv", "price_book.csv", "workspaces.csv",
      "accounts.csv");

  private final String dir;
  private final long recheckNanos;
  private transient PlanLimits limits;
  private transient List<FileTime> modified;
  private transient long checkedAtNanos;

  PlanFiles(Path dir, long recheckMillis) {
    this.dir = dir.toAbsolutePath().normalize().toString();
    this.recheckNanos = recheckMillis * 1_000_000L;
  }

  @Override
  public synchronized PlanLimits current() {
    long now = System.nanoTime();
    if (limits != null && now - checkedAtNanos < recheckNanos) {
      return limits;
    }
    checkedAtNanos = now;
    try {
      List<FileTime> times = new ArrayList<>();
      for (String f : FILES) {
        Path p = Path.of(dir, f);
        times.add(Files.exists(p) || !f.equals("accounts.csv") ? Files.getLastModifiedTime(p) : FileTime.fromMillis(0));
      }
      if (limits == null || !times.equals(modified)) {
        limits = read(Path.of(dir));
        modified = times;
      }
    } catch (IOException | IllegalArgumentException e) {
      if (limits == null) {
        throw new IllegalStateException("Cannot read the plan limits in " + dir + ": " + e.getMessage(), e);
      }
    }
    return limits;
  }

  /** Reads the folder once. */
  static PlanLimits read(Path dir) throws IOException {
    Map<String, String> workspaces = new HashMap<>();
    for (String[] r : rows(dir.resolve("workspaces.csv"), "workspace_id", "account_id")) {
      if (r[0] != null && r[1] != null) {
        workspaces.put(r[0], r[1]);
      }
    }
    List<PlanLimits.Term> terms = new ArrayList<>();
    for (String[] r : rows(dir.resolve("contracts.csv"), "contract_id", "account_id", "plan_id", "price_version",
        "start_date", "end_date", "currency")) {
      try {
        if (r[0] != null && r[1] != null && r[2] != null) {
          terms.add(new PlanLimits.Term(r[0], r[1], r[2], Integer.parseInt(r[3]), LocalDate.parse(r[4]),
              LocalDate.parse(r[5]), r[6]));
        }
      } catch (NumberFormatException | DateTimeParseException | NullPointerException e) {
        // the loader quarantines the row
      }
    }
    Map<String, PlanLimits.Price> prices = new HashMap<>();
    for (String[] r : rows(dir.resolve("price_book.csv"), "plan_id", "price_version", "metric", "included_units",
        "overage_unit_price")) {
      try {
        if (r[0] != null && r[2] != null) {
          prices.put(PlanLimits.priceKey(r[0], Integer.parseInt(r[1]), r[2]),
              new PlanLimits.Price(new BigDecimal(r[3]), r[4] == null ? null : new BigDecimal(r[4])));
        }
      } catch (NumberFormatException | NullPointerException e) {
        // the loader quarantines the row
      }
    }
    Map<String, PlanLimits.AccountInfo> accounts = new HashMap<>();
    Path accountsFile = dir.resolve("accounts.csv");
    if (Files.exists(accountsFile)) {
      for (String[] r : rows(accountsFile, "account_id", "account_name", "csm_email")) {
        if (r[0] != null) {
          accounts.put(r[0], new PlanLimits.AccountInfo(r[1], r[2]));
        }
      }
    }
    return new PlanLimits(workspaces, terms, prices, accounts);
  }

  /** The named columns of a file's rows, stripped, an empty value null. */
  private static List<String[]> rows(Path file, String... columns) throws IOException {
    List<String[]> out = new ArrayList<>();
    for (List<String> row : ReferenceFiles.rows(file, List.of(columns))) {
      String[] values = new String[columns.length];
      for (int i = 0; i < values.length; i++) {
        String v = row.get(i);
        values[i] = v == null || v.isBlank() ? null : v.strip();
      }
      out.add(values);
    }
    return out;
  }
}
