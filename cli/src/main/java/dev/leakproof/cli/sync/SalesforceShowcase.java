package dev.leakproof.cli.sync;

import dev.leakproof.cli.support.Console;
import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.salesforce.BulkApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints what a SOQL query reads back from the org: the proof that the fields arrived. */
public final class SalesforceShowcase {

  private SalesforceShowcase() {}

  /** Runs the query and prints its rows as a table, columns in the SELECT's order. */
  public static void print(Console console, BulkApi api, String soql, List<String> columns)
      throws DestinationException {
    console.line("  " + soql);
    List<Map<String, String>> rows = api.query(soql);
    List<String[]> cells = new ArrayList<>();
    int[] width = new int[columns.size()];
    String[] header = columns.stream().map(c -> c.replace("__c", "")).toArray(String[]::new);
    cells.add(header);
    for (Map<String, String> row : rows) {
      String[] line = new String[columns.size()];
      for (int i = 0; i < columns.size(); i++) {
        String v = row.get(columns.get(i));
        line[i] = v == null ? "" : v.length() > 40 ? v.substring(0, 37) + "..." : v;
      }
      cells.add(line);
    }
    for (String[] line : cells) {
      for (int i = 0; i < line.length; i++) {
        width[i] = Math.max(width[i], line[i].length());
      }
    }
    for (String[] line : cells) {
      StringBuilder b = new StringBuilder("  ");
      for (int i = 0; i < line.length; i++) {
        b.append(String.format(Locale.ROOT, "%-" + width[i] + "s", line[i])).append(i + 1 < line.length ? "  " : "");
      }
      console.line(b.toString().stripTrailing());
    }
    if (rows.isEmpty()) {
      console.line("  (no records)");
    }
  }
}
