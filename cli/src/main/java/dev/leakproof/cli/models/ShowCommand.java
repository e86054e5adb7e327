package dev.leakproof.cli.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.leakproof.cli.support.UsageException;
import dev.leakproof.schemas.csv.CsvWriter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code models show}: the first rows of a model's query, as {@code dbt show} prints them. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Runs a model's compiled query (not its table) and prints the first rows.")
final class ShowCommand implements Callable<Integer> {

  /** How the rows are printed. */
  enum Output { table, csv, json }

  @Mixin ProjectOptions options;

  @Option(names = "--limit", defaultValue = "5", paramLabel = "N", description = "Rows to print (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--output", defaultValue = "table", paramLabel = "FORMAT", description = "table, csv or json.")
  Output output;

  @Override
  public Integer call() throws Exception {
    if (options.select == null || options.select.contains(" ") || options.select.contains("+")) {
      throw new UsageException("Invalid --select: show takes one model name");
    }
    if (limit < 1) {
      throw new UsageException("Invalid --limit: " + limit + " (must be at least 1)");
    }
    try (ProjectOptions.Session s = options.open(ProjectOptions.Connection.NEEDED)) {
      List<Map<String, Object>> rows = s.engine().show(options.select, limit);
      PrintWriter out = new PrintWriter(System.out, true);
      switch (output) {
        case json -> out.println(new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writerWithDefaultPrettyPrinter()
            .writeValueAsString(rows.stream().map(ShowCommand::printable).toList()));
        case csv -> {
          CsvWriter csv = new CsvWriter(out);
          if (!rows.isEmpty()) {
            csv.write(new ArrayList<>(rows.get(0).keySet()));
          }
          for (Map<String, Object> r : rows) {
            csv.write(new ArrayList<>(r.values()));
          }
          out.flush();
        }
        default -> table(out, rows);
      }
    }
    return 0;
  }

  private static Map<String, Object> printable(Map<String, Object> row) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    row.forEach((k, v) -> out.put(k, v instanceof Number || v instanceof Boolean || v == null ? v : String.valueOf(v)));
    return out;
  }

  private static void table(PrintWriter out, List<Map<String, Object>> rows) {
    if (rows.isEmpty()) {
      out.println("(no rows)");
      return;
    }
    List<String> columns = new ArrayList<>(rows.get(0).keySet());
    int[] width = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      width[c] = columns.get(c).length();
      for (Map<String, Object> r : rows) {
        width[c] = Math.min(60, Math.max(width[c], String.valueOf(r.get(columns.get(c))).length()));
      }
    }
    StringBuilder header = new StringBuilder("|");
    StringBuilder rule = new StringBuilder("|");
    for (int c = 0; c < columns.size(); c++) {
      header.append(' ').append(pad(columns.get(c), width[c])).append(" |");
      rule.append('-').append("-".repeat(width[c])).append("-|");
    }
    out.println(header);
    out.println(rule);
    for (Map<String, Object> r : rows) {
      StringBuilder line = new StringBuilder("|");
      for (int c = 0; c < columns.size(); c++) {
        line.append(' ').append(pad(String.valueOf(r.get(columns.get(c))), width[c])).append(" |");
      }
      out.println(line);
    }
  }

  private static String pad(String s, int width) {
    String cut = s.length() > width ? s.substring(0, width - 1) + "…" : s;
    return cut + " ".repeat(width - cut.length());
  }
}
