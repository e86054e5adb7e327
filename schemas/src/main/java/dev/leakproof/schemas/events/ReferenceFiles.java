package dev.leakproof.schemas.events;

import dev.leakproof.schemas.csv.CsvReader;
import dev.leakproof.schemas.csv.CsvRecord;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference data a running collector or continuous job checks events against, read from a
 * folder holding {@code workspaces.csv} (workspace_id, account_id) and {@code price_book.csv}
 * (metric) in the dataset layout: the CRM and billing exports a company drops daily. Long-running
 * readers call {@link #current()}, which rereads the files when they changed, so a workspace
 * created today is known without a restart. A row without a workspace or account id is skipped.
 */
public final class ReferenceFiles implements Serializable {

  private static final long serialVersionUID = 1L;

  private final String dir;
  private transient Snapshot snapshot;
  private transient long checkedAtNanos;
  private final long recheckNanos;

  /**
   * @param dir the folder with workspaces.csv and price_book.csv
   * @param recheckMillis how often {@link #current()} looks at the files' modification times
   */
  public ReferenceFiles(Path dir, long recheckMillis) {
    this.dir = dir.toAbsolutePath().normalize().toString();
    this.recheckNanos = recheckMillis * 1_000_000L;
  }

  /**
   * The workspaces with their accounts and the metrics of the price book, as last read.
   *
   * @param workspaceAccounts workspace id to account id
   */
  public record Snapshot(Map<String, String> workspaceAccounts, Set<String> metrics, FileTime workspacesModified,
      FileTime priceBookModified) {

    public Snapshot {
      workspaceAccounts = Map.copyOf(workspaceAccounts);
      metrics = Set.copyOf(metrics);
    }

    /** The stateless checks' reference as of a date. */
    public ReferenceData referenceData(LocalDate asOf) {
      return new ReferenceData(workspaceAccounts.keySet(), metrics, asOf);
    }

    /** The account a workspace belongs to, or null when it is unknown. */
    public String account(String workspaceId) {
      return workspaceId == null ? null : workspaceAccounts.get(workspaceId);
    }
  }

  /**
   * The reference as of now: reread when a file's modification time changed since the last read.
   *
   * @throws IllegalStateException when a file is missing or unreadable and nothing was read
   *     before (a later failure keeps the last good snapshot)
   */
  public synchronized Snapshot current() {
    long now = System.nanoTime();
    if (snapshot != null && now - checkedAtNanos < recheckNanos) {
      return snapshot;
    }
    checkedAtNanos = now;
    Path workspaces = Path.of(dir, "workspaces.csv");
    Path priceBook = Path.of(dir, "price_book.csv");
    try {
      FileTime w = Files.getLastModifiedTime(workspaces);
      FileTime p = Files.getLastModifiedTime(priceBook);
      if (snapshot == null || !w.equals(snapshot.workspacesModified()) || !p.equals(snapshot.priceBookModified())) {
        snapshot = read(workspaces, priceBook, w, p);
      }
    } catch (IOException | IllegalArgumentException e) {
      if (snapshot == null) {
        throw new IllegalStateException("Cannot read the reference data in " + dir + ": " + e.getMessage(), e);
      }
    }
    return snapshot;
  }

  private static Snapshot read(Path workspaces, Path priceBook, FileTime w, FileTime p) throws IOException {
    Map<String, String> accounts = new HashMap<>();
    for (List<String> row : rows(workspaces, List.of("workspace_id", "account_id"))) {
      if (row.get(0) != null && row.get(1) != null) {
        accounts.put(row.get(0).strip(), row.get(1).strip());
      }
    }
    Set<String> metrics = new HashSet<>();
    for (List<String> row : rows(priceBook, List.of("metric"))) {
      if (row.get(0) != null) {
        metrics.add(row.get(0).strip());
      }
    }
    return new Snapshot(accounts, metrics, w, p);
  }

  /**
   * The named columns of every well-formed, non-empty row of a CSV file in the dataset layout (in
   * the order asked; null where a row is short).
   *
   * @throws IllegalArgumentException for a broken header or a missing column, naming the file
   */
  public static List<List<String>> rows(Path file, List<String> columns) throws IOException {
    try (Reader r = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8);
         CsvReader csv = new CsvReader(r)) {
      CsvRecord header = csv.next();
      if (header == null || !header.wellFormed()) {
        throw new IllegalArgumentException(file.getFileName() + ": broken header");
      }
      int[] at = new int[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        at[i] = -1;
        for (int j = 0; j < header.fields().size(); j++) {
          String name = header.fields().get(j) == null ? "" : header.fields().get(j).strip().replace("\uFEFF", "");
          if (name.equals(columns.get(i))) {
            at[i] = j;
          }
        }
        if (at[i] < 0) {
          throw new IllegalArgumentException(file.getFileName() + ": missing column " + columns.get(i));
        }
      }
      List<List<String>> out = new java.util.ArrayList<>();
      CsvRecord rec;
      while ((rec = csv.next()) != null) {
        if (!rec.wellFormed() || rec.raw().isEmpty()) {
          continue;
        }
        String[] values = new String[columns.size()];
        for (int i = 0; i < at.length; i++) {
          values[i] = at[i] < rec.fields().size() ? rec.fields().get(at[i]) : null;
        }
        out.add(java.util.Arrays.asList(values));
      }
      return out;
    }
  }
}
