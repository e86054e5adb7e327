package dev.leakproof.pipelines.stream;

import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.HygieneTopology;
import dev.leakproof.pipelines.hygiene.HygieneState;
import dev.leakproof.pipelines.hygiene.LocalProgress;
import dev.leakproof.pipelines.hygiene.ReferenceSource;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.LakeConfig;
import dev.leakproof.pipelines.lake.LakeFeed;
import dev.leakproof.pipelines.source.ArrivalWatermarks;
import dev.leakproof.pipelines.source.FileOrderAssigner;
import dev.leakproof.pipelines.source.IdleSource;
import dev.leakproof.pipelines.source.JsonLinesFormat;
import dev.leakproof.pipelines.source.SourceNames;
import dev.leakproof.schemas.events.EventLine;
import dev.leakproof.schemas.events.ReferenceData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * One ingestion run into a lasting lake: the event files not ingested before, through the same
 * hygiene operators as the continuous job, with the state of every earlier run (the event ids
 * seen, the originals corrections refer to), appended to the lake. The job resumes from the last
 * run's savepoint; its file sources read this run's files (a new operator per run, the earlier
 * run's finished source is dropped from the state) beside an idle source that keeps the job
 * running once they are read; then it stops with a savepoint for the next run. A run killed
 * half-way is finished by the next call, from its own checkpoint.
 */
public final class FileIngestRun {

  /**
   * @param workDir holds the lake ({@code lake/}), the runs' state ({@code state/ingest/}) and ledger
   * @param files each stream's event files available now, in arrival (file-name) order
   * @param thresholds the plan limits and levels of threshold events, or null for none
   * @param lake the lake the run appends to; null for the one the environment names
   *     ({@link LakeConfig#fromEnvironment}: by default the folder {@code workDir/lake})
   */
  public record Config(Path workDir, Map<EventStream, List<Path>> files, ReferenceData reference,
      ContinuousSettings settings, dev.leakproof.pipelines.thresholds.ThresholdSettings thresholds,
      LakeConfig lake) {

    /** On the lake the environment names. */
    public Config(Path workDir, Map<EventStream, List<Path>> files, ReferenceData reference,
        ContinuousSettings settings, dev.leakproof.pipelines.thresholds.ThresholdSettings thresholds) {
      this(workDir, files, reference, settings, thresholds, null);
    }

    /** Without threshold events. */
    public Config(Path workDir, Map<EventStream, List<Path>> files, ReferenceData reference,
        ContinuousSettings settings) {
      this(workDir, files, reference, settings, null);
    }

    public Config {
      Map<EventStream, List<Path>> copy = new EnumMap<>(EventStream.class);
      files.forEach((k, v) -> copy.put(k, List.copyOf(v)));
      files = Map.copyOf(copy);
      if (lake == null) {
        lake = LakeConfig.fromEnvironment(workDir.resolve("lake"));
      }
    }

    Path lakeDir() {
      return workDir.resolve("lake");
    }

    JobStateDir stateDir() {
      return new JobStateDir(workDir.resolve("state").resolve("ingest"));
    }

    IngestLedger ledger() {
      return new IngestLedger(workDir.resolve("state").resolve("ingest").resolve("ledger.json"));
    }
  }

  /**
   * What a run did.
   *
   * @param run the run's number (0 when there was nothing new)
   * @param lines event lines the run read
   * @param resumed true when it finished a run an earlier call left half-done
   */
  public record Result(int run, long lines, boolean resumed, Duration jobRuntime) {
    public boolean nothingNew() {
      return run == 0;
    }
  }

  private final Config config;

  public FileIngestRun(Config config) {
    this.config = config;
  }

  /**
   * Runs the files not ingested yet (or finishes the run an earlier call left half-done).
   *
   * @param linesRead called now and then with the lines read so far
   * @throws IllegalStateException when a file ingested by an earlier run has changed since
   */
  public Result run(LongConsumer linesRead) throws Exception {
    LakeFeed.claim(config.lakeDir(), LakeFeed.FILES);
    Lake lake = new Lake(config.lake());
    lake.ensureAll();
    IngestLedger ledger = config.ledger();
    Optional<IngestLedger.Run> last = ledger.last();
    IngestLedger.Run run;
    boolean resumed = last.isPresent() && !last.get().done();
    if (resumed) {
      run = last.get();
    } else {
      List<IngestLedger.FileEntry> fresh = newFiles(ledger);
      if (fresh.isEmpty()) {
        return new Result(0, 0, false, Duration.ZERO);
      }
      run = new IngestLedger.Run(last.map(r -> r.run() + 1).orElse(1), config.reference().asOf().toString(),
          "running", Instant.now().toString(), null, fresh);
      ledger.put(run);
    }
    long start = System.nanoTime();
    String progressKey = "ingest-run-" + run.run() + "-" + System.nanoTime();
    IngestLedger.Run thisRun = run;
    ContinuousRunner runner = new ContinuousRunner(config.settings(), config.stateDir());
    try (RunningJob job = runner.start("leakproof-ingest-run-" + run.run(),
        env -> build(env, lake, thisRun, progressKey), true)) {
      awaitFilesRead(job, progressKey, linesRead, resumed ? -1 : thisRun.lines());
      job.stopWithSavepoint(Duration.ofMinutes(10));
    } finally {
      LocalProgress.remove(progressKey);
      LocalProgress.remove(progressKey + ArrivalWatermarks.WATERMARK);
    }
    ledger.put(new IngestLedger.Run(run.run(), run.asOf(), "done", run.startedAt(), Instant.now().toString(),
        run.files()));
    linesRead.accept(run.lines());
    return new Result(run.run(), run.lines(), resumed, Duration.ofNanos(System.nanoTime() - start));
  }

  private List<IngestLedger.FileEntry> newFiles(IngestLedger ledger) throws IOException {
    List<IngestLedger.FileEntry> fresh = new ArrayList<>();
    for (EventStream stream : EventStream.values()) {
      for (Path f : config.files().getOrDefault(stream, List.of())) {
        String name = f.getFileName().toString();
        long size = Files.size(f);
        Optional<IngestLedger.FileEntry> before = ledger.ingested(stream, name);
        if (before.isPresent()) {
          if (before.get().size() != size) {
            throw new IllegalStateException(String.format(Locale.ROOT, "Cannot ingest %s again: it changed since it "
                + "was ingested (%,d bytes then, %,d now); ingested event files are kept as they are, so deliver new "
                + "events in a new file", f, before.get().size(), size));
          }
          continue;
        }
        fresh.add(new IngestLedger.FileEntry(stream.key(), name, size, countLines(f)));
      }
    }
    return fresh;
  }

  private void build(StreamExecutionEnvironment env, Lake lake, IngestLedger.Run run, String progressKey) {
    List<HygieneTopology.Input> inputs = new ArrayList<>();
    for (EventStream stream : EventStream.values()) {
      List<Path> files = filesOf(run, stream);
      DataStream<EventLine> idle = env.fromSource(new IdleSource<EventLine>(), WatermarkStrategy.noWatermarks(),
              stream.key() + ": idle").setParallelism(1).uid(stream.key() + "-idle")
          .returns(EventLine.class);
      DataStream<EventLine> lines = idle;
      if (!files.isEmpty()) {
        List<String> paths = files.stream().map(p -> p.toAbsolutePath().toString()).toList();
        FileSource<EventLine> source = FileSource.forBulkFileFormat(new JsonLinesFormat(stream, paths, run.run()),
                files.stream().map(p -> new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri()))
                    .toArray(org.apache.flink.core.fs.Path[]::new))
            .setSplitAssigner(FileOrderAssigner.provider())
            .build();
        DataStream<EventLine> read = env.fromSource(source, ArrivalWatermarks.ordered(progressKey),
                stream.key() + ": " + FILES_VERTEX + " of run " + run.run())
            .setParallelism(1).uid(stream.key() + "-files-run-" + run.run());
        lines = read.union(idle);
      }
      inputs.add(new HygieneTopology.Input(stream, lines,
          SourceNames.files(files.stream().map(p -> p.getFileName().toString()).toList()), 1));
    }
    new HygieneTopology(ReferenceSource.fixed(config.reference()),
        new HygieneState(HygieneState.Ordering.BY_ARRIVAL, config.settings().dedupeTtl()), progressKey)
        .wiring(config.settings().parallelism() == 1 ? HygieneTopology.Wiring.SINGLE_TASK
            : HygieneTopology.Wiring.EXCHANGE)
        .thresholds(config.thresholds())
        .build(inputs, lake);
  }

  /** Names the file source operators, whose end means the run's files are read. */
  static final String FILES_VERTEX = "event files";

  private List<Path> filesOf(IngestLedger.Run run, EventStream stream) {
    List<Path> available = config.files().getOrDefault(stream, List.of());
    List<Path> out = new ArrayList<>();
    for (IngestLedger.FileEntry e : run.files()) {
      if (!e.stream().equals(stream.key())) {
        continue;
      }
      Path found = available.stream().filter(p -> p.getFileName().toString().equals(e.name())).findFirst()
          .orElseThrow(() -> new IllegalStateException("Cannot finish ingestion run " + run.run() + ": its file "
              + e.name() + " is no longer in the dataset"));
      out.add(found);
    }
    return out;
  }

  /**
   * Waits until the run's files are read: every line counted by the decode operator (the source
   * has emitted them all, so the savepoint's barrier follows the last) and every task running,
   * or, for a resumed run whose count started part-way, the file sources finished. A source finishes only once a
   * checkpoint after its end completes (up to the checkpoint interval later), so the count is
   * the quick way.
   *
   * @param expected the run's lines, or -1 when they are not all read by this process
   */
  private static void awaitFilesRead(RunningJob job, String progressKey, LongConsumer linesRead, long expected)
      throws Exception {
    while (true) {
      long read = LocalProgress.counter(progressKey).get();
      linesRead.accept(read);
      if (expected >= 0 && read >= expected && allTasksStarted(job)) {
        return;
      }
      if (job.ended()) {
        Throwable failure = job.failure().orElse(null);
        throw new IllegalStateException("The ingestion job ended before its files were read"
            + (failure == null ? "" : ": " + failure.getMessage()), failure);
      }
      List<ExecutionState> sources = job.vertexStates(FILES_VERTEX);
      if (!sources.isEmpty() && sources.stream().allMatch(s -> s == ExecutionState.FINISHED)) {
        return;
      }
      Thread.sleep(50);
    }
  }

  /**
   * Whether every task of the job is running or done: the source can decode every line while a
   * sink is still being deployed, and a savepoint is refused until all tasks run.
   */
  private static boolean allTasksStarted(RunningJob job) throws Exception {
    List<ExecutionState> all = job.vertexStates("");
    return !all.isEmpty() && all.stream().allMatch(s -> s == ExecutionState.RUNNING || s == ExecutionState.FINISHED);
  }

  static long countLines(Path file) throws IOException {
    long n = 0;
    boolean pending = false;
    byte[] buffer = new byte[1 << 16];
    try (var in = Files.newInputStream(file)) {
      int r;
      while ((r = in.read(buffer)) > 0) {
        for (int i = 0; i < r; i++) {
          if (buffer[i] == '\n') {
            n++;
            pending = false;
          } else {
            pending = true;
          }
        }
      }
    }
    return pending ? n + 1 : n;
  }
}
