package dev.leakproof.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakproof.cli.support.Console;
import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.collector.EventCollector;
import dev.leakproof.pipelines.kafka.KafkaSettings;
import dev.leakproof.pipelines.kafka.LocalKafkaBroker;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.LakeSnapshots;
import dev.leakproof.pipelines.lake.LakeTable;
import dev.leakproof.pipelines.stream.ContinuousSettings;
import dev.leakproof.pipelines.stream.RunningJob;
import dev.leakproof.pipelines.stream.StreamJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code leakproof bench stream}: events from HTTP clients through the collector, Kafka and the
 * continuous job into committed Iceberg snapshots, against the bare parse + dedupe loop over the
 * same events in the same run; and the lag of each event from the collector taking it to the lake
 * commit that holds it.
 */
@Command(name = "stream", mixinStandardHelpOptions = true,
    description = {"Generates a dataset, starts a local Kafka broker (a process), the collector and the continuous "
        + "job (in this JVM), posts the dataset's events in NDJSON batches from several client threads, and waits "
        + "until the lake holds all of them. Reports events/s end to end (first post to last commit), the "
        + "collector's intake, the p50/p99/max lag from collected_at to the commit, and the bare parse + dedupe "
        + "loop over the same files. Writes bench-stream.json."})
public final class StreamBenchCommand implements java.util.concurrent.Callable<Integer> {

  @Option(names = "--events", defaultValue = "1000000", paramLabel = "N", description = "Usage events (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--accounts", defaultValue = "500", paramLabel = "N", description = "Accounts (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(names = "--dir", defaultValue = "target/bench-stream", paramLabel = "DIR", description = "Default: ${DEFAULT-VALUE}.")
  Path dir;

  @Option(names = "--clients", defaultValue = "4", paramLabel = "N", description = "Posting threads (default: 4).")
  int clients;

  @Option(names = "--batch", defaultValue = "1000", paramLabel = "N", description = "Events a request (default: 1000).")
  int batch;

  @Option(names = "--partitions", defaultValue = "4", paramLabel = "N", description = "Partitions a topic (default: 4).")
  int partitions;

  @Option(names = "--parallelism", defaultValue = "2", paramLabel = "N", description = "Job parallelism (default: 2).")
  int parallelism;

  @Option(names = "--checkpoint-interval", defaultValue = "5s", paramLabel = "DURATION",
      description = "Checkpoints and lake commits (default: ${DEFAULT-VALUE}).")
  String checkpointInterval;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: 1).")
  long seed;

  @Option(names = "--out-of-orderness", defaultValue = "200ms", paramLabel = "DURATION",
      description = "stream.out-of-orderness (default: ${DEFAULT-VALUE}).")
  String outOfOrderness;

  @Option(names = "--state-backend", defaultValue = "hashmap", paramLabel = "NAME",
      description = "hashmap or rocksdb (default: ${DEFAULT-VALUE}).")
  String stateBackend;

  @Option(names = "--rate", defaultValue = "0", paramLabel = "EVENTS_PER_SECOND",
      description = "Post at this rate in all (default: 0, as fast as the collector takes them): the lag of a system "
          + "that keeps up, rather than of one saturated.")
  long rate;

  @Option(names = "--backlog", description = "Post everything first with the job stopped, then start it and time "
      + "how fast it catches up (the job's own rate, without the collector and clients on the same cores).")
  boolean backlog;

  @Override
  public Integer call() throws Exception {
    Console console = Console.stdout();
    if (Files.exists(dir)) {
      try (Stream<Path> old = Files.walk(dir)) {
        for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Path dataset = dir.resolve("dataset");
    Map<EventStream, List<Path>> files = EventBacklog.generate(dataset, accounts, seed, events, console);
    BareLoop.run(files);
    BareLoop.Result bare = BareLoop.run(files);
    console.line(String.format(Locale.ROOT, "bare parse + dedupe loop: %,d lines in %.2f s = %,.0f lines/s",
        bare.lines(), bare.nanos() / 1e9, bare.linesPerSecond()));
    List<EventBacklog.Request> requests = EventBacklog.requests(files, batch);
    long lines = EventBacklog.lines(requests);

    LocalKafkaBroker broker = EventBacklog.startBroker(dir.resolve("kafka"));
    try {
      KafkaSettings kafka = EventBacklog.topics(broker, partitions);
      ContinuousSettings d = ContinuousSettings.defaults(parallelism);
      ContinuousSettings settings = new ContinuousSettings(parallelism,
          dev.leakproof.cli.stream.StreamingSettings.parseDuration("--checkpoint-interval", checkpointInterval),
          ContinuousSettings.StateBackend.parse(stateBackend), d.billingCycle(), d.lateTolerance(),
          dev.leakproof.cli.stream.StreamingSettings.parseDuration("--out-of-orderness", outOfOrderness));
      Path work = dir.resolve("work");
      Lake lake = new Lake(work.resolve("lake"));
      StreamJob streamJob = new StreamJob(new StreamJob.Config(kafka, work, dataset, settings));
      long start;
      long posted;
      long jobStart;
      try (EventCollector collector = EventBacklog.startCollector(kafka, dataset);
           ThresholdBench notifications = ThresholdBench.start(lake, work.resolve("warehouse.duckdb"));
           RunningJob job = backlog ? null : streamJob.start()) {
        this.notifications = notifications;
        console.line(String.format(Locale.ROOT, "posting %,d events in %,d requests from %d clients to %s%s", lines,
            requests.size(), clients, collector.eventsUrl(), backlog ? " (the job starts afterwards)" : ""));
        if (job != null) {
          // steady state: the job is running and has checkpointed once before the first event comes
          long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
          while (job.lastCheckpoint().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
          }
        }
        start = System.nanoTime();
        EventBacklog.post(collector.eventsUrl(), requests, clients, rate, console);
        posted = System.nanoTime();
        jobStart = start;
        if (job != null) {
          finish(console, job, lake, lines, start, posted, jobStart, bare, requests.size(), settings);
        } else {
          // the collector stays up: its heartbeats release the last events, as in production
          jobStart = System.nanoTime();
          try (RunningJob late = streamJob.start()) {
            finish(console, late, lake, lines, start, posted, jobStart, bare, requests.size(), settings);
          }
        }
      }
    } finally {
      broker.stop(Duration.ofSeconds(30));
    }
    return 0;
  }

  private void finish(Console console, RunningJob job, Lake lake, long lines, long start, long posted, long jobStart,
      BareLoop.Result bare, int requestCount, ContinuousSettings settings) throws Exception {
    {
      {
        long landed = EventBacklog.awaitLake(lake, lines, job, console).rows();
        long done = System.nanoTime();
        double endToEnd = lines / ((done - jobStart) / 1e9);
        double intake = lines / ((posted - start) / 1e9);
        long[] lag = lagMillis(lake);
        ThresholdBench.Figures thresholds = notifications.awaitAll(Duration.ofMinutes(5));
        job.stopWithSavepoint(Duration.ofMinutes(5));

        ObjectNode report = new ObjectMapper().createObjectNode();
        report.put("event_lines", lines);
        report.put("lake_rows", landed);
        report.put("requests", requestCount);
        report.put("mode", backlog ? "backlog: the job started after every event was posted" : "concurrent");
        report.put("clients", clients);
        report.put("partitions", partitions);
        report.put("parallelism", parallelism);
        report.put("checkpoint_interval_ms", settings.checkpointInterval().toMillis());
        report.put("posting_rate_limit", rate);
        report.put("out_of_orderness_ms", settings.outOfOrderness().toMillis());
        report.put("state_backend", settings.stateBackend().flinkName());
        report.put("collector_intake_events_per_second", Math.round(intake));
        report.put("end_to_end_events_per_second", Math.round(endToEnd));
        report.put("bare_loop_lines_per_second", Math.round(bare.linesPerSecond()));
        report.put("end_to_end_to_bare_ratio", endToEnd / bare.linesPerSecond());
        report.put("lag_p50_ms", lag[0]);
        report.put("lag_p99_ms", lag[1]);
        report.put("lag_max_ms", lag[2]);
        report.put("cores", Runtime.getRuntime().availableProcessors());
        report.put("threshold_events", thresholds.events());
        report.put("threshold_events_per_second", Math.round(thresholds.events() / ((done - jobStart) / 1e9)));
        report.put("threshold_notified", thresholds.notified());
        report.put("threshold_notification_latency_p50_ms", thresholds.p50Ms());
        report.put("threshold_notification_latency_p99_ms", thresholds.p99Ms());
        report.put("threshold_notification_latency_max_ms", thresholds.maxMs());
        console.line("");
        console.line(String.format(Locale.ROOT, "%-52s %,14d", "event lines posted", lines));
        console.line(String.format(Locale.ROOT, "%-52s %,14.0f", "collector intake (events/s, posting)", intake));
        console.line(String.format(Locale.ROOT, "%-52s %,14.0f", backlog
            ? "job catching up the backlog into committed snapshots (events/s)"
            : "end to end into committed snapshots (events/s)", endToEnd));
        console.line(String.format(Locale.ROOT, "%-52s %,14.0f", "bare parse + dedupe loop (lines/s)",
            bare.linesPerSecond()));
        console.line(String.format(Locale.ROOT, "%-52s %14.2f   (aim: >= 0.50)", "end to end / bare loop",
            endToEnd / bare.linesPerSecond()));
        console.line(String.format(Locale.ROOT, "%-52s %,11d ms / %,d ms / %,d ms   (aim: p99 < %,d ms)",
            "lag collected_at -> commit p50 / p99 / max", lag[0], lag[1], lag[2],
            settings.checkpointInterval().toMillis() + 1000));
        console.line(String.format(Locale.ROOT, "%-52s %,14d   (%,.0f/s over the run)", "threshold events raised",
            thresholds.events(), thresholds.events() / ((done - jobStart) / 1e9)));
        console.line(String.format(Locale.ROOT, "%-52s %,11d ms / %,d ms / %,d ms   (%,d notified once each)",
            "crossing event collected -> webhook p50 / p99 / max", thresholds.p50Ms(), thresholds.p99Ms(),
            thresholds.maxMs(), thresholds.notified()));
        BenchReport.finish(console, report, dir.resolve(backlog ? "bench-stream-backlog.json"
            : rate > 0 ? "bench-stream-rate-" + rate + ".json" : "bench-stream.json"));
      }
    }
  }

  private ThresholdBench notifications;

  /** p50, p99 and max of (commit instant - collected_at) over the accepted events, in ms. */
  private static long[] lagMillis(Lake lake) throws Exception {
    LakeSnapshots snapshots = new LakeSnapshots(lake);
    StringJoiner union = new StringJoiner(" UNION ALL ");
    for (LakeTable t : List.of(LakeTable.USAGE_EVENTS, LakeTable.SEAT_EVENTS)) {
      for (LakeSnapshots.Appended a : snapshots.appendedAfter(t, null, null)) {
        if (a.files().isEmpty()) {
          continue;
        }
        union.add("SELECT " + a.committedAt().toEpochMilli() + " - epoch_ms(collected_at) AS lag FROM read_parquet("
            + dev.leakproof.sql.warehouse.LakeTableLoader.fileList(a.files()) + ")");
      }
    }
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT quantile_disc(lag, 0.5), quantile_disc(lag, 0.99), max(lag) FROM ("
             + union + ")")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
    }
  }
}
