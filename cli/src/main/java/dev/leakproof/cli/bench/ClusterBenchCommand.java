package dev.leakproof.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakproof.cli.stream.FlinkJobJar;
import dev.leakproof.cli.support.Console;
import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.cluster.ClusterSettings;
import dev.leakproof.pipelines.cluster.FlinkSessionCluster;
import dev.leakproof.pipelines.collector.EventCollector;
import dev.leakproof.pipelines.kafka.KafkaSettings;
import dev.leakproof.pipelines.kafka.LocalKafkaBroker;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.source.KafkaEventSource;
import dev.leakproof.pipelines.stream.ContinuousSettings;
import dev.leakproof.pipelines.stream.RunningJob;
import dev.leakproof.pipelines.stream.SessionCluster;
import dev.leakproof.pipelines.stream.StreamJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code leakproof bench cluster}: the same backlog of events through the continuous job at
 * parallelism 1 and 2 on the in-process MiniCluster and on a session cluster of local processes
 * (a JobManager and two TaskManagers, the job jar submitted over REST), in one run.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
    description = {"Generates a dataset, starts a local Kafka broker and the collector, posts every event once "
        + "(the backlog), then runs the continuous job over that backlog four times from a fresh lake and fresh "
        + "state: on the in-process MiniCluster at parallelism 1 and 2, and on a Flink session cluster of local "
        + "processes (one JobManager, two one-slot TaskManagers; the job jar submitted over REST) at parallelism "
        + "1 and 2. Reports events/s from submission to the last commit (start-up included) and from the first "
        + "commit to the last, and checks every run's lake holds every line. Writes bench-cluster.json."})
public final class ClusterBenchCommand implements Callable<Integer> {

  @Option(names = "--events", defaultValue = "300000", paramLabel = "N", description = "Usage events (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--accounts", defaultValue = "500", paramLabel = "N", description = "Accounts (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(names = "--partitions", defaultValue = "4", paramLabel = "N", description = "Partitions a topic (default: 4).")
  int partitions;

  @Option(names = "--checkpoint-interval", defaultValue = "5s", paramLabel = "DURATION",
      description = "Default: ${DEFAULT-VALUE}.")
  String checkpointInterval;

  @Option(names = "--taskmanager-memory", defaultValue = "2g", paramLabel = "SIZE",
      description = "Each TaskManager process's memory (default: ${DEFAULT-VALUE}).")
  String taskManagerMemory;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default: 1).")
  long seed;

  @Option(names = "--dir", defaultValue = "target/bench-cluster", paramLabel = "DIR", description = "Default: ${DEFAULT-VALUE}.")
  Path dir;

  /** One run's figures. */
  record Run(String engine, int parallelism, long rows, double seconds, double firstCommitSeconds) {
    double eventsPerSecond(long lines) {
      return lines / seconds;
    }

    double steadyEventsPerSecond(long lines) {
      return lines / (seconds - firstCommitSeconds);
    }
  }

  @Override
  public Integer call() throws Exception {
    Console console = Console.stdout();
    clean(dir);
    Path dataset = dir.resolve("dataset");
    Map<EventStream, List<Path>> files = EventBacklog.generate(dataset, accounts, seed, events, console);
    List<EventBacklog.Request> requests = EventBacklog.requests(files, 1000);
    long lines = EventBacklog.lines(requests);
    Duration interval = dev.leakproof.cli.stream.StreamingSettings.parseDuration("--checkpoint-interval",
        checkpointInterval);
    Path jobJar = FlinkJobJar.locate();

    LocalKafkaBroker broker = EventBacklog.startBroker(dir.resolve("kafka"));
    List<Run> runs = new ArrayList<>();
    try {
      KafkaSettings kafka = EventBacklog.topics(broker, partitions);
      // the collector stays up through the runs: its heartbeats release the backlog's last events
      try (EventCollector collector = EventBacklog.startCollector(kafka, dataset)) {
        console.line(String.format(Locale.ROOT, "posting the backlog: %,d events", lines));
        EventBacklog.post(collector.eventsUrl(), requests, 4, 0, console);
        for (int p : new int[] {1, 2}) {
          runs.add(run(console, "minicluster", p, kafka, dataset, interval, lines, null));
        }
        ClusterSettings cluster = new ClusterSettings(2, 1, org.apache.flink.configuration.MemorySize.parse("1g"),
            org.apache.flink.configuration.MemorySize.parse(taskManagerMemory));
        try (FlinkSessionCluster sessions = FlinkSessionCluster.start(dir.resolve("flink"), cluster)) {
          console.line("session cluster at " + sessions.restUrl() + ": TaskManagers " + sessions.taskManagerPids());
          for (int p : new int[] {1, 2}) {
            runs.add(run(console, "session cluster", p, kafka, dataset, interval, lines,
                SessionCluster.of(sessions.restUrl(), jobJar)));
          }
        }
      }
    } finally {
      broker.stop(Duration.ofSeconds(30));
    }
    report(console, runs, lines, interval);
    return 0;
  }

  private Run run(Console console, String engine, int parallelism, KafkaSettings kafka, Path dataset,
      Duration interval, long lines, SessionCluster cluster) throws Exception {
    forgetOffsets(kafka);
    Path work = dir.resolve("work-" + engine.replace(' ', '-') + "-p" + parallelism);
    ContinuousSettings d = ContinuousSettings.defaults(parallelism);
    ContinuousSettings settings = new ContinuousSettings(parallelism, interval, d.stateBackend(), d.billingCycle(),
        d.lateTolerance(), d.outOfOrderness());
    StreamJob job = new StreamJob(new StreamJob.Config(kafka, work, dataset, settings));
    Lake lake = new Lake(work.resolve("lake"));
    console.line(String.format(Locale.ROOT, "%s, parallelism %d: the backlog from a fresh lake", engine,
        parallelism));
    long start = System.nanoTime();
    try (RunningJob running = cluster == null ? job.start() : job.submit(cluster)) {
      EventBacklog.Landed landed = EventBacklog.awaitLake(lake, lines, running, console);
      long rows = landed.rows();
      double first = (landed.firstRowsNanos() - start) / 1e9;
      double seconds = (System.nanoTime() - start) / 1e9;
      if (rows != lines) {
        throw new IllegalStateException("The lake holds " + rows + " rows for " + lines + " event lines");
      }
      running.cancel();
      Run r = new Run(engine, parallelism, rows, seconds, first);
      console.line(String.format(Locale.ROOT, "  %,d rows in %.1f s: %,.0f events/s (%,.0f/s after the first commit "
          + "at %.1f s)", rows, seconds, r.eventsPerSecond(lines), r.steadyEventsPerSecond(lines), first));
      return r;
    }
  }

  /** A fresh deployment reads the topics from the start: the consumer group's offsets of the last run go. */
  private static void forgetOffsets(KafkaSettings kafka) throws Exception {
    try (Admin admin = Admin.create(kafka.clientProperties())) {
      boolean exists = admin.listConsumerGroups().all().get().stream()
          .anyMatch(g -> g.groupId().equals(KafkaEventSource.GROUP_ID));
      if (exists) {
        admin.deleteConsumerGroups(List.of(KafkaEventSource.GROUP_ID)).all().get();
      }
    }
  }

  private void report(Console console, List<Run> runs, long lines, Duration interval) throws Exception {
    ObjectNode report = new ObjectMapper().createObjectNode();
    report.put("event_lines", lines);
    report.put("partitions", partitions);
    report.put("checkpoint_interval_ms", interval.toMillis());
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("taskmanager_memory", taskManagerMemory);
    ArrayNode array = report.putArray("runs");
    console.line("");
    console.line(String.format(Locale.ROOT, "%-18s %11s %12s %16s %20s", "engine", "parallelism", "seconds",
        "events/s", "after first commit"));
    for (Run r : runs) {
      ObjectNode o = array.addObject();
      o.put("engine", r.engine());
      o.put("parallelism", r.parallelism());
      o.put("seconds", Math.round(r.seconds() * 10) / 10.0);
      o.put("first_commit_seconds", Math.round(r.firstCommitSeconds() * 10) / 10.0);
      o.put("events_per_second", Math.round(r.eventsPerSecond(lines)));
      o.put("events_per_second_after_first_commit", Math.round(r.steadyEventsPerSecond(lines)));
      console.line(String.format(Locale.ROOT, "%-18s %11d %12.1f %,16.0f %,20.0f", r.engine(), r.parallelism(),
          r.seconds(), r.eventsPerSecond(lines), r.steadyEventsPerSecond(lines)));
    }
    BenchReport.finish(console, report, dir.resolve("bench-cluster.json"));
  }

  private static void clean(Path dir) throws java.io.IOException {
    if (Files.exists(dir)) {
      FlinkSessionCluster.stop(dir.resolve("flink"));
      try (Stream<Path> old = Files.walk(dir)) {
        for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
