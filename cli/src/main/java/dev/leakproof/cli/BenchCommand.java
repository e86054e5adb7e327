package dev.leakproof.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakproof.cli.bench.AuditProcess;
import dev.leakproof.cli.bench.BareLoop;
import dev.leakproof.cli.bench.DirectSql;
import dev.leakproof.cli.support.Console;
import dev.leakproof.cli.support.UsageException;
import dev.leakproof.core.EventStream;
import dev.leakproof.datagen.GeneratorConfig;
import dev.leakproof.schemas.events.EventFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code leakproof bench}: the audit profiled per stage, each size in a fresh JVM as a user runs
 * it, against a bare loop over the same files and the compiled SQL run directly in DuckDB.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {dev.leakproof.cli.bench.SyncBenchCommand.class,
    dev.leakproof.cli.bench.StripeBenchCommand.class, dev.leakproof.cli.bench.StreamBenchCommand.class,
    dev.leakproof.cli.bench.ClusterBenchCommand.class, dev.leakproof.cli.ml.MlBenchCommand.class},
    description = {"Profiles the audit per stage on generated datasets of the given sizes (or on --dataset): each "
        + "audit runs as its own process, as `leakproof audit` does, with its wall time, JVM start-up, every "
        + "stage, peak RSS and peak heap. In the same run: a bare single-thread parse + dedupe loop over the same "
        + "files (the ingestion job's yardstick) and the audit's compiled model SQL run directly in DuckDB (the "
        + "model build's yardstick). Writes bench.json; --jfr records each audit with JDK Flight Recorder."})
final class BenchCommand implements Callable<Integer> {

  @Option(names = "--sizes", split = ",", paramLabel = "N[,N...]",
      description = "Usage events of each generated dataset, e.g. 1M,3M,10M (default: 1M).")
  List<String> sizes;

  @Option(names = "--events", paramLabel = "N", description = "One size, as a plain number (same as --sizes N).")
  Long events;

  @Option(names = "--dataset", paramLabel = "DIR",
      description = "Profile this dataset instead of generated ones (e.g. the sample); --as-of is then needed.")
  Path dataset;

  @Option(names = "--as-of", paramLabel = "YYYY-MM-DD",
      description = "Audit date (default: the generated datasets' 2026-06-15).")
  LocalDate asOf;

  @Option(names = "--accounts", defaultValue = "500", paramLabel = "N",
      description = "Accounts of the generated datasets (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(names = "--dir", defaultValue = "target/bench", paramLabel = "DIR",
      description = "Work directory; generated datasets are kept there and reused (default: ./${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--parallelism", defaultValue = "0", paramLabel = "N",
      description = "Ingestion parallelism of the audits (default: half the cores).")
  int parallelism;

  @Option(names = "--heap", defaultValue = "8g", paramLabel = "SIZE",
      description = "Maximum heap of each audit process (default: ${DEFAULT-VALUE}).")
  String heap;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--jfr", description = "Record each audit with JDK Flight Recorder (profile settings) to DIR.")
  boolean jfr;

  @Override
  public Integer call() throws Exception {
    Console console = Console.stdout();
    if (!heap.matches("\\d+[kKmMgG]")) {
      throw new UsageException("Invalid --heap: '" + heap + "' (e.g. 8g or 6144m)");
    }
    List<Run> runs = plan();
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode report = json.createObjectNode();
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("heap", heap);
    ArrayNode results = report.putArray("audits");
    Files.createDirectories(dir);
    for (Run run : runs) {
      results.add(profile(run, console, json));
      Files.writeString(dir.resolve("bench.json"), json.writeValueAsString(report) + "\n");
    }
    console.line("");
    printTable(console, results);
    console.line("Report: " + dir.resolve("bench.json"));
    return 0;
  }

  /** One audit to profile: a dataset, made here when {@code events} is positive. */
  private record Run(String label, Path dataset, LocalDate asOf, long events) {}

  private List<Run> plan() throws UsageException {
    List<Run> runs = new ArrayList<>();
    if (dataset != null) {
      if (asOf == null) {
        throw new UsageException("Missing --as-of: --dataset " + dataset + " needs the audit date");
      }
      if (!Files.isDirectory(dataset)) {
        throw new UsageException("Invalid --dataset: " + dataset + " is not a folder");
      }
      runs.add(new Run(dataset.getFileName().toString(), dataset, asOf, 0));
      return runs;
    }
    List<String> wanted = sizes != null ? sizes : events != null ? List.of(String.valueOf(events)) : List.of("1M");
    for (String size : wanted) {
      long n = parseSize(size);
      runs.add(new Run(size, dir.resolve("dataset-" + n), asOf != null ? asOf : LocalDate.of(2026, 6, 15), n));
    }
    return runs;
  }

  static long parseSize(String text) throws UsageException {
    String t = text.trim().toUpperCase(Locale.ROOT).replace("_", "");
    long unit = t.endsWith("M") ? 1_000_000 : t.endsWith("K") ? 1_000 : 1;
    String digits = unit == 1 ? t : t.substring(0, t.length() - 1);
    try {
      long n = Math.multiplyExact(Long.parseLong(digits), unit);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException | ArithmeticException e) {
      // reported below
    }
    throw new UsageException("Invalid --sizes: '" + text + "' (a positive count such as 1000000, 500K or 3M)");
  }

  private ObjectNode profile(Run run, Console console, ObjectMapper json) throws Exception {
    console.line("== " + run.label() + " ==");
    ObjectNode out = json.createObjectNode();
    out.put("dataset", run.label());
    if (run.events() > 0) {
      Path marker = run.dataset().resolve(".bench-dataset");
      String made = "events=" + run.events() + " accounts=" + accounts + " seed=" + seed + " as-of=" + run.asOf();
      if (!Files.exists(marker) || !Files.readString(marker).equals(made)) {
        long t = System.nanoTime();
        GenerateCommand.generate(GeneratorConfig.defaults(accounts, 12, seed, run.asOf()).withUsageEvents(run.events()),
            run.dataset(), console);
        Files.writeString(marker, made);
        out.put("generation_seconds", seconds(System.nanoTime() - t));
      }
      out.put("usage_events_generated", run.events());
    }
    Map<EventStream, List<Path>> files = new LinkedHashMap<>();
    for (EventStream s : EventStream.values()) {
      files.put(s, EventFiles.find(run.dataset(), s));
    }
    BareLoop.Result bare = BareLoop.run(files);
    console.line(String.format(Locale.ROOT, "bare parse + dedupe loop: %,d lines in %.2f s = %,.0f lines/s",
        bare.lines(), bare.nanos() / 1e9, bare.linesPerSecond()));

    Path auditOut = dir.resolve("audit-" + run.label());
    List<String> args = new ArrayList<>(List.of("audit", "--dataset", run.dataset().toString(), "--as-of",
        run.asOf().toString(), "--out", auditOut.toString(), "--quiet"));
    if (parallelism > 0) {
      args.addAll(List.of("--parallelism", String.valueOf(parallelism)));
    }
    Path recording = jfr ? dir.resolve("audit-" + run.label() + ".jfr") : null;
    console.line("audit (own JVM, -Xmx" + heap + ")" + (recording != null ? ", recorded to " + recording : "") + "...");
    AuditProcess.Outcome audit = AuditProcess.run(heap, recording, args, auditOut.resolve("audit.log"));
    if (audit.exitCode() != 0) {
      throw new IllegalStateException("The audit of " + run.dataset() + " failed with exit code " + audit.exitCode()
          + "; its output is in " + auditOut.resolve("audit.log"));
    }
    JsonNode timings = json.readTree(auditOut.resolve(".leakproof").resolve("timings.json").toFile());
    BareLoop.Result bareAfter = BareLoop.run(files);
    double bareRate = Math.max(bare.linesPerSecond(), bareAfter.linesPerSecond());

    out.put("event_lines", bare.lines());
    out.put("wall_seconds", seconds(audit.wallNanos()));
    // start-up: process start to the audit's first stage (the audit measures it from the JVM's
    // start instant); exit: the audit's end to the process's (shutdown hooks, the mini cluster)
    double startUp = timings.path("start_up_seconds").asDouble();
    out.put("jvm_start_up_seconds", startUp);
    out.put("jvm_exit_seconds", round(Math.max(0,
        audit.wallNanos() / 1e9 - startUp - timings.path("audit_seconds").asDouble())));
    out.put("audit_seconds", timings.path("audit_seconds").asDouble());
    out.set("stage_seconds", timings.path("stage_seconds"));
    out.put("peak_rss_mb", audit.peakRssKb() / 1024);
    out.put("peak_heap_mb", timings.path("peak_heap_bytes").asLong() / (1024 * 1024));
    double ingest = timings.path("stage_seconds").path("ingest events").asDouble();
    double jobRate = bare.lines() / ingest;
    out.put("ingest_lines_per_second", Math.round(jobRate));
    out.put("bare_loop_lines_per_second", Math.round(bareRate));
    out.put("ingest_to_bare_ratio", round(jobRate / bareRate));

    console.line("models' compiled SQL run directly in DuckDB, and through the engine...");
    DirectSql.Result direct = DirectSql.compare(auditOut.resolve(".leakproof"), run.asOf());
    out.put("build_direct_sql_seconds", seconds(direct.directNanos()));
    out.put("build_engine_one_thread_seconds", seconds(direct.engineNanos()));
    out.put("build_engine_to_direct_ratio", round((double) direct.engineNanos() / direct.directNanos()));
    out.put("findings_rows", Files.readAllLines(auditOut.resolve("findings.csv")).size() - 1);
    out.put("findings_file", auditOut.resolve("findings.csv").toString());
    if (recording != null) {
      out.put("jfr", recording.toString());
    }
    return out;
  }

  private static void printTable(Console console, ArrayNode results) {
    List<String> stageNames = new ArrayList<>();
    for (JsonNode r : results) {
      for (Iterator<String> it = r.path("stage_seconds").fieldNames(); it.hasNext(); ) {
        String s = it.next();
        if (!stageNames.contains(s)) {
          stageNames.add(s);
        }
      }
    }
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-34s", "audit profile"));
    for (JsonNode r : results) {
      head.append(String.format(Locale.ROOT, " %12s", r.path("dataset").asText()));
    }
    console.line(head.toString());
    row(console, results, "event lines", r -> String.format(Locale.ROOT, "%,d", r.path("event_lines").asLong()));
    row(console, results, "wall time (s)", r -> fmt(r.path("wall_seconds")));
    row(console, results, "  JVM start-up (s)", r -> fmt(r.path("jvm_start_up_seconds")));
    for (String s : stageNames) {
      row(console, results, "  " + s + " (s)", r -> r.path("stage_seconds").has(s) ? fmt(r.path("stage_seconds")
          .path(s)) : "-");
    }
    row(console, results, "  JVM exit (s)", r -> fmt(r.path("jvm_exit_seconds")));
    row(console, results, "peak RSS (MB)", r -> String.format(Locale.ROOT, "%,d", r.path("peak_rss_mb").asLong()));
    row(console, results, "peak heap (MB)", r -> String.format(Locale.ROOT, "%,d", r.path("peak_heap_mb").asLong()));
    row(console, results, "ingestion (lines/s)", r -> String.format(Locale.ROOT, "%,d",
        r.path("ingest_lines_per_second").asLong()));
    row(console, results, "bare loop (lines/s)", r -> String.format(Locale.ROOT, "%,d",
        r.path("bare_loop_lines_per_second").asLong()));
    row(console, results, "ingestion / bare loop", r -> fmt(r.path("ingest_to_bare_ratio")));
    row(console, results, "build: direct SQL (s)", r -> fmt(r.path("build_direct_sql_seconds")));
    row(console, results, "build: engine, 1 thread (s)", r -> fmt(r.path("build_engine_one_thread_seconds")));
    row(console, results, "build: engine / direct", r -> fmt(r.path("build_engine_to_direct_ratio")));
    row(console, results, "findings", r -> r.path("findings_rows").asText());
    console.line("(ingest events runs while load sources and compile do, so the stages add up to more than the wall"
        + " time)");
  }

  private static void row(Console console, ArrayNode results, String name, java.util.function.Function<JsonNode,
      String> value) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-34s", name));
    for (JsonNode r : results) {
      line.append(String.format(Locale.ROOT, " %12s", value.apply(r)));
    }
    console.line(line.toString());
  }

  private static String fmt(JsonNode n) {
    return String.format(Locale.ROOT, "%.2f", n.asDouble());
  }

  private static double seconds(long nanos) {
    return round(nanos / 1e9);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
