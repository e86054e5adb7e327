package dev.leakproof.connectors.salesforce.emulator;

import java.util.ArrayList;
import java.util.List;

/**
 * The per-row outcome of one ingest job, kept with the uploaded header so that each result set can
 * be rendered as Salesforce does: {@code "sf__Id","sf__Created",<columns>} for successes,
 * {@code "sf__Id","sf__Error",<columns>} for failures, and the original columns for unprocessed rows.
 * Not thread-safe; its {@link IngestJob} guards it.
 */
final class JobResults {

  /** Which result set to render. */
  enum Kind { SUCCESSFUL, FAILED, UNPROCESSED }

  private List<String> header = List.of();
  private final List<List<String>> successes = new ArrayList<>();
  private final List<List<String>> failures = new ArrayList<>();
  private final List<List<String>> unprocessed = new ArrayList<>();

  void header(List<String> columns) {
    header = List.copyOf(columns);
  }

  void succeeded(String recordId, boolean created, List<String> row) {
    List<String> out = new ArrayList<>(List.of(recordId, Boolean.toString(created)));
    out.addAll(row);
    successes.add(out);
  }

  void failed(String recordId, String error, List<String> row) {
    List<String> out = new ArrayList<>(List.of(recordId == null ? "" : recordId, error));
    out.addAll(row);
    failures.add(out);
  }

  void unprocessed(List<List<String>> rows) {
    unprocessed.addAll(rows);
  }

  String render(Kind kind, char delimiter, String lineEnding) {
    String eol = "CRLF".equals(lineEnding) ? "\r\n" : "\n";
    return switch (kind) {
      case SUCCESSFUL -> Csv.write(List.of("sf__Id", "sf__Created"), header, successes, delimiter, eol);
      case FAILED -> Csv.write(List.of("sf__Id", "sf__Error"), header, failures, delimiter, eol);
      case UNPROCESSED -> header.isEmpty() ? "" : Csv.write(List.of(), header, unprocessed, delimiter, eol);
    };
  }
}
