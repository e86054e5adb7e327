package dev.leakproof.cli.stream;

import dev.leakproof.cli.support.UsageException;
import dev.leakproof.pipelines.hygiene.LocalProgress;
import dev.leakproof.pipelines.kafka.EventTopics;
import dev.leakproof.pipelines.kafka.KafkaSettings;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.LakeSnapshots;
import dev.leakproof.pipelines.lake.LakeTable;
import dev.leakproof.pipelines.lake.MeteringLag;
import dev.leakproof.pipelines.source.KafkaEventSource;
import dev.leakproof.pipelines.stream.ContinuousSettings;
import dev.leakproof.pipelines.stream.RunningJob;
import dev.leakproof.pipelines.stream.SessionCluster;
import dev.leakproof.pipelines.stream.StreamJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leakproof stream}: the continuous ingestion job, until stopped. */
@Command(name = "stream", mixinStandardHelpOptions = true,
    description = {"Runs the continuous ingestion job until Ctrl-C: the event topics read by Flink's Kafka source "
        + "through the same hygiene operators as the audit (dedupe by event id in arrival order, corrections, "
        + "quarantine) into the lasting Iceberg lake under WORK/lake, committed once per checkpoint (exactly once).",
        "Ctrl-C (or SIGTERM) stops with a savepoint; a restart resumes from the newest checkpoint or savepoint in "
            + "WORK/state/stream, so a killed job loses nothing and commits nothing twice. Progress every 5 s: "
            + "events/s, lag behind the topics (as of the last checkpoint) and the last lake commit.",
        "Then: `leakproof lake load` (or ingest) brings the committed events into the warehouse."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:stopped with a savepoint", "1:the job failed", "2:unusable arguments or settings"})
public final class StreamCommand implements Callable<Integer> {

  @Option(names = "--work-dir", required = true, paramLabel = "DIR",
      description = "The lasting work directory: the lake (lake/) and the job's state (state/stream/).")
  Path workDir;

  @Option(names = "--reference", required = true, paramLabel = "DIR",
      description = "Folder of workspaces.csv and price_book.csv (reread when they change).")
  Path reference;

  @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT", description = "Kafka (default: kafka.bootstrap-servers).")
  String bootstrapServers;

  @Option(names = "--checkpoint-interval", paramLabel = "DURATION",
      description = "Checkpoints and lake commits (default: stream.checkpoint-interval, 10s).")
  String checkpointInterval;

  @Option(names = "--state-backend", paramLabel = "NAME", description = "hashmap or rocksdb (default: stream.state-backend).")
  String stateBackend;

  @Option(names = "--parallelism", paramLabel = "N", description = "Parallelism (default: stream.parallelism, 2).")
  Integer parallelism;

  @Option(names = "--flink-rest", paramLabel = "URL", description = "Submit the job with the job jar to the Flink "
      + "session cluster whose REST API is at URL (http://HOST:PORT, e.g. from `leakproof flink start`) instead of "
      + "running it in this process; its TaskManagers must reach WORK and --reference.")
  String flinkRest;

  @Option(names = "--config", paramLabel = "FILE", description = "Streaming settings (YAML: kafka, collector, stream).")
  Path config;

  @Option(names = "--thresholds", paramLabel = "FILE", description = "Levels of plan limits that raise threshold "
      + "events (default: $LEAKPROOF_THRESHOLDS, else thresholds.yml in --reference, else 50, 90, 100%% and every "
      + "further 100%%); off: none.")
  Path thresholds;

  @Override
  public Integer call() throws Exception {
    Map<String, String> overrides = new HashMap<>();
    put(overrides, "kafka.bootstrap-servers", bootstrapServers);
    put(overrides, "stream.checkpoint-interval", checkpointInterval);
    put(overrides, "stream.state-backend", stateBackend);
    put(overrides, "stream.parallelism", parallelism == null ? null : String.valueOf(parallelism));
    StreamingSettings settings = StreamingSettings.load(config, System.getenv(), overrides);
    KafkaSettings kafka = settings.kafka();
    ContinuousSettings stream = settings.stream();
    Files.createDirectories(workDir);
    System.setProperty("leakproof.log.file", workDir.resolve("leakproof.log").toString());
    StreamJob.Config jobConfig = new StreamJob.Config(kafka, workDir, reference, stream,
        dev.leakproof.cli.alerts.ThresholdsFile.resolve(thresholds, reference));
    SessionCluster cluster = null;
    if (flinkRest != null) {
      try {
        cluster = SessionCluster.of(flinkRest, FlinkJobJar.locate());
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
    }
    Signals signals = Signals.install();
    try (RunningJob job = cluster == null ? new StreamJob(jobConfig).start() : new StreamJob(jobConfig).submit(cluster);
         EventTopics topics = new EventTopics(kafka)) {
      System.out.printf(Locale.ROOT, "Streaming %s and %s from %s into %s (checkpoints every %ss, %s state%s%s)%n",
          kafka.usageTopic(), kafka.seatTopic(), kafka.bootstrapServers(), jobConfig.lakeDir(),
          stream.checkpointInterval().toMillis() / 1000.0, stream.stateBackend().flinkName(),
          job.restoredFrom().map(r -> "; resumed from " + r.path()).orElse(""),
          cluster == null ? "" : "; job " + job.id() + " on the Flink cluster at " + cluster.restUrl()
              + ", parallelism " + stream.parallelism());
      System.out.flush();
      LakeSnapshots snapshots = new LakeSnapshots(new Lake(dev.leakproof.pipelines.lake.LakeConfig.fromEnvironment(jobConfig.lakeDir())));
      MeteringLag metering = new MeteringLag(new Lake(dev.leakproof.pipelines.lake.LakeConfig.fromEnvironment(jobConfig.lakeDir())));
      int ticks = 0;
      long lastCount = LocalProgress.counter(StreamJob.PROGRESS_KEY).get();
      long lastNanos = System.nanoTime();
      while (!signals.awaitStop(5_000)) {
        if (job.ended()) {
          Throwable failure = job.failure().orElse(null);
          System.err.println("leakproof: the stream job ended: " + (failure == null ? "no failure reported"
              : failure.getMessage()));
          return 1;
        }
        job.pruneOldState();
        long count = LocalProgress.counter(StreamJob.PROGRESS_KEY).get();
        long now = System.nanoTime();
        double rate = (count - lastCount) / ((now - lastNanos) / 1e9);
        lastCount = count;
        lastNanos = now;
        if (cluster == null) {
          System.out.printf(Locale.ROOT, "stream: %,d events read this run (%,.0f/s), lag %s, last commit %s%n", count,
              rate, lag(topics), lastCommit(snapshots));
        } else { // the job's counters live in the cluster's TaskManagers
          System.out.printf(Locale.ROOT, "stream: on the Flink cluster, lag %s, last commit %s%n", lag(topics),
              lastCommit(snapshots));
        }
        meteringLag(metering, ++ticks % 12 == 0);
        System.out.flush();
      }
      System.out.println("Stopping with a savepoint (every event read so far is committed to the lake first)...");
      System.out.flush();
      Path savepoint = job.stopWithSavepoint(Duration.ofMinutes(10));
      System.out.println("Stopped; savepoint " + savepoint + " (the next `leakproof stream` resumes from it)");
      return 0;
    }
  }

  /**
   * Records the hours that ended in the lake's metering_lag table (each once) and prints them; every
   * minute ({@code now}) also the current hour's figures so far.
   */
  private static void meteringLag(MeteringLag metering, boolean now) {
    try {
      for (MeteringLag.HourLag h : metering.recordCompletedHours(java.time.Instant.now())) {
        System.out.println(lagLine("hour " + TIME.format(h.hour()).substring(0, 5) + " UTC", h));
      }
      if (now) {
        java.time.Instant t = java.time.Instant.now();
        for (MeteringLag.HourLag h : metering.between(t.truncatedTo(java.time.temporal.ChronoUnit.HOURS), t)) {
          System.out.println(lagLine("this hour", h));
        }
      }
    } catch (RuntimeException e) {
      System.err.println("leakproof: cannot measure the metering lag: " + e.getMessage());
    }
  }

  static String lagLine(String when, MeteringLag.HourLag h) {
    return String.format(Locale.ROOT, "metering lag %s, %s from %s: p50 %.1f s, p95 %.1f s, p99 %.1f s, max %.1f s "
        + "(%,d events, received to committed)", when, h.stream(), h.source(), h.p50Ms() / 1000.0, h.p95Ms() / 1000.0,
        h.p99Ms() / 1000.0, h.maxMs() / 1000.0, h.events());
  }

  private static void put(Map<String, String> m, String key, String value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  /** Records on the topics the job's group has not committed yet (its offsets move at checkpoints). */
  private static String lag(EventTopics topics) {
    try {
      Map<TopicPartition, Long> end = topics.endOffsets();
      Map<TopicPartition, Long> committed = topics.committedOffsets(KafkaEventSource.GROUP_ID);
      long lag = 0;
      for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
        lag += Math.max(0, e.getValue() - committed.getOrDefault(e.getKey(), 0L));
      }
      return String.format(Locale.ROOT, "%,d records", lag);
    } catch (Exception e) {
      return "unknown (Kafka unreachable)";
    }
  }

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private static String lastCommit(LakeSnapshots snapshots) {
    List<LakeSnapshots.Entry> history = snapshots.history(LakeTable.USAGE_EVENTS);
    if (history.isEmpty()) {
      return "none yet";
    }
    LakeSnapshots.Entry last = history.get(history.size() - 1);
    return String.format(Locale.ROOT, "%s UTC (usage_events snapshot %d, %,d rows in all)",
        TIME.format(last.committedAt()), last.snapshotId(), last.totalRecords());
  }
}
