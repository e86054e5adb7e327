package dev.leakproof.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakproof.cli.audit.AuditOptions;
import dev.leakproof.cli.audit.AuditResult;
import dev.leakproof.cli.audit.AuditRunner;
import dev.leakproof.cli.bench.BareLoop;
import dev.leakproof.cli.support.Console;
import dev.leakproof.core.EventStream;
import dev.leakproof.datagen.GeneratorConfig;
import dev.leakproof.schemas.events.EventFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leakproof bench}: the audit's speed on a generated dataset, against a bare loop. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {dev.leakproof.cli.bench.SyncBenchCommand.class,
    dev.leakproof.cli.bench.StripeBenchCommand.class, dev.leakproof.cli.bench.StreamBenchCommand.class},
    description = {"Measures the audit on a generated dataset: wall time of the whole audit, the ingestion job's "
        + "events/s, and in the same run the events/s of a bare single-thread parse + dedupe loop over the same "
        + "files (the ratio holds on a noisy machine). Writes bench.json beside the outputs."})
final class BenchCommand implements Callable<Integer> {

  @Option(names = "--events", defaultValue = "1000000", paramLabel = "N",
      description = "Usage events to generate (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--accounts", defaultValue = "500", paramLabel = "N", description = "Accounts (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(names = "--dir", defaultValue = "target/bench", paramLabel = "DIR",
      description = "Work directory (default: ./${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--parallelism", defaultValue = "0", paramLabel = "N",
      description = "Ingestion parallelism (default: half the cores).")
  int parallelism;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() throws Exception {
    Console console = Console.stdout();
    LocalDate asOf = LocalDate.of(2026, 6, 15);
    Path dataset = dir.resolve("dataset");
    GeneratorConfig config = GeneratorConfig.defaults(accounts, 12, seed, asOf).withUsageEvents(events);
    long t = System.nanoTime();
    GenerateCommand.generate(config, dataset, console);
    Duration generation = Duration.ofNanos(System.nanoTime() - t);
    Map<EventStream, java.util.List<Path>> files = new LinkedHashMap<>();
    for (EventStream s : EventStream.values()) {
      files.put(s, EventFiles.find(dataset, s));
    }
    BareLoop.run(files);
    BareLoop.Result bare = BareLoop.run(files);
    console.line(String.format(Locale.ROOT, "bare parse + dedupe loop: %,d lines in %.2f s = %,.0f lines/s",
        bare.lines(), bare.nanos() / 1e9, bare.linesPerSecond()));

    Path out = dir.resolve("audit");
    long auditStart = System.nanoTime();
    AuditResult audit = new AuditRunner(console).run(
        new AuditOptions(dataset, asOf, out, out.resolve(".leakproof"), AuditOptions.parallelismOrDefault(parallelism), "4GB"));
    Duration wall = Duration.ofNanos(System.nanoTime() - auditStart);
    BareLoop.Result bareAfter = BareLoop.run(files);
    double bareRate = Math.max(bare.linesPerSecond(), bareAfter.linesPerSecond());

    Duration ingestStage = audit.stageTimes().get("ingest events");
    double stageRate = audit.eventLines() / (ingestStage.toNanos() / 1e9);
    double jobRate = audit.eventLines() / (audit.ingestJobRuntime().toNanos() / 1e9);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode report = json.createObjectNode();
    report.put("usage_events_generated", events);
    report.put("event_lines", audit.eventLines());
    report.put("generation_seconds", generation.toMillis() / 1000.0);
    report.put("audit_wall_seconds", wall.toMillis() / 1000.0);
    ObjectNode stages = report.putObject("audit_stage_seconds");
    audit.stageTimes().forEach((k, v) -> stages.put(k, v.toMillis() / 1000.0));
    report.put("ingest_stage_lines_per_second", Math.round(stageRate));
    report.put("ingest_job_lines_per_second", Math.round(jobRate));
    report.put("bare_loop_lines_per_second", Math.round(bareRate));
    report.put("ingest_job_to_bare_ratio", jobRate / bareRate);
    report.put("findings", audit.findings().size());
    report.put("cores", Runtime.getRuntime().availableProcessors());
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("bench.json"), json.writeValueAsString(report) + "\n");

    console.line("");
    console.line(String.format(Locale.ROOT, "%-46s %14s", "benchmark (" + audit.eventLines() + " event lines)", "value"));
    console.line(String.format(Locale.ROOT, "%-46s %12.1f s   (must: < 60 s)", "audit wall time", wall.toMillis() / 1000.0));
    audit.stageTimes().forEach((k, v) -> console.line(String.format(Locale.ROOT, "  %-44s %12.1f s", k,
        v.toMillis() / 1000.0)));
    console.line(String.format(Locale.ROOT, "%-46s %,14.0f", "ingestion, whole stage (lines/s)", stageRate));
    console.line(String.format(Locale.ROOT, "%-46s %,14.0f", "ingestion, Flink job run time (lines/s)", jobRate));
    console.line(String.format(Locale.ROOT, "%-46s %,14.0f", "bare parse + dedupe loop (lines/s)", bareRate));
    console.line(String.format(Locale.ROOT, "%-46s %14.2f   (aim: >= 0.50)", "ingestion job / bare loop", jobRate / bareRate));
    console.line("Report: " + dir.resolve("bench.json"));
    return wall.compareTo(Duration.ofSeconds(60)) < 0 ? 0 : 1;
  }
}
