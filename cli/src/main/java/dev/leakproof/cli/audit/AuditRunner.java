package dev.leakproof.cli.audit;

import dev.leakproof.cli.support.Console;
import dev.leakproof.cli.support.UsageException;
import dev.leakproof.core.EventStream;
import dev.leakproof.cli.alerts.ThresholdsFile;
import dev.leakproof.pipelines.IngestionConfig;
import dev.leakproof.pipelines.thresholds.PlanSource;
import dev.leakproof.pipelines.thresholds.ThresholdSettings;
import dev.leakproof.pipelines.IngestionJob;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.stream.ContinuousSettings;
import dev.leakproof.pipelines.stream.FileIngestRun;
import dev.leakproof.schemas.events.EventFiles;
import dev.leakproof.schemas.events.ReferenceData;
import dev.leakproof.schemas.tables.DatasetContractException;
import dev.leakproof.schemas.tables.DatasetReader;
import dev.leakproof.schemas.tables.SourceData;
import dev.leakproof.schemas.tables.SourceTable;
import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.project.BundledProject;
import dev.leakproof.sql.project.DbtProject;
import dev.leakproof.sql.project.ProjectLoader;
import dev.leakproof.sql.project.NodeKind;
import dev.leakproof.sql.run.CompiledProject;
import dev.leakproof.sql.run.DbtEngine;
import dev.leakproof.sql.run.NodeResult;
import dev.leakproof.sql.run.ProjectCompiler;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import dev.leakproof.sql.warehouse.RawLoader;
import java.io.IOException;
import org.apache.flink.api.common.JobExecutionResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The audit, end to end on the embedded defaults: the dataset's CSV tables validated and loaded
 * into DuckDB, its events through the Flink ingestion job into the Iceberg lake and from there
 * into the warehouse, the SQL project compiled by Calcite and built, and the outputs exported.
 * A structural fault in the dataset stops it before anything is written.
 */
public final class AuditRunner {

  private final Console console;

  public AuditRunner(Console console) {
    this.console = console;
  }

  public AuditResult run(AuditOptions options) throws Exception {
    long start = System.nanoTime();
    Map<String, Duration> stages = new LinkedHashMap<>();
    Path work = options.workDir();
    Opened opened = new Opened();
    // the models compile on this thread while the Flink job ingests the events on its own
    Ingested ingested;
    try {
      ingested = ingest(options, start, stages, EventFileScope.ALL, () -> prepareWorkDir(work), opened,
          warehouse -> {
            long t = System.nanoTime();
            opened.engine = compileModels(warehouse, work, options, start);
            stages.put("compile", since(t));
          });
      long t = System.nanoTime();
      List<String> failedTests = buildModels(opened.engine, start);
      stages.put("build models", since(t));
      score(opened.warehouse, options, start, stages);
      AuditResult result = export(opened.warehouse, options.out(),
          options.dataset().toAbsolutePath().normalize().toString(), start, stages, failedTests, work,
          ingested.jobRuntime(), ingested.lines());
      writeTimings(work, start, stages);
      return result;
    } finally {
      if (opened.warehouse != null) {
        opened.warehouse.close();
      }
    }
  }

  private dev.leakproof.ml.ModelFile model;

  /** Scores the built models with this model file before the outputs are written (audit --model). */
  public AuditRunner scoring(dev.leakproof.ml.ModelFile model) {
    this.model = model;
    return this;
  }

  private void score(DuckDbWarehouse warehouse, AuditOptions options, long start, Map<String, Duration> stages)
      throws Exception {
    if (model == null) {
      return;
    }
    long t = System.nanoTime();
    dev.leakproof.cli.ml.Scorer.Result r = dev.leakproof.cli.ml.Scorer.score(model, warehouse, options.workDir(),
        options.asOf(), true);
    stages.put("ml score", since(t));
    console.step(since(start), dev.leakproof.cli.ml.Scorer.summary(model, r));
  }

  /** The warehouse an audit keeps open from the source load to the report, and its compiled project. */
  private static final class Opened {
    DuckDbWarehouse warehouse;
    DbtEngine engine;
  }

  /** Work done on the calling thread, with the warehouse, while the ingestion job runs. */
  interface WhileIngesting {
    void run(DuckDbWarehouse warehouse) throws Exception;
  }

  /**
   * WORK/timings.json: each stage's seconds, the JVM's start-up before the audit began, the
   * audit's wall time and the heap's high-water mark, for {@code leakproof bench}.
   */
  static void writeTimings(Path work, long start, Map<String, Duration> stages) throws IOException {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.node.ObjectNode root = json.createObjectNode();
    long jvmStart = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
    long auditStartMillis = System.currentTimeMillis() - Duration.ofNanos(System.nanoTime() - start).toMillis();
    root.put("start_up_seconds", Math.max(0, auditStartMillis - jvmStart) / 1000.0);
    root.put("audit_seconds", since(start).toMillis() / 1000.0);
    com.fasterxml.jackson.databind.node.ObjectNode st = root.putObject("stage_seconds");
    stages.forEach((k, v) -> st.put(k, v.toMillis() / 1000.0));
    long peakHeap = 0;
    for (java.lang.management.MemoryPoolMXBean pool : java.lang.management.ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    root.put("peak_heap_bytes", peakHeap);
    Files.writeString(work.resolve("timings.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(root)
        + "\n");
  }

  /**
   * The audit over the events the continuous job committed to the lake under the work directory
   * (the streaming demo): the CSV tables and the lake into the warehouse, the models, the outputs.
   *
   * @param lines the event lines the stream delivered, for the summary
   */
  public AuditResult runFromLake(AuditOptions options, long lines, Duration jobRuntime) throws Exception {
    long start = System.nanoTime();
    Map<String, Duration> stages = new LinkedHashMap<>();
    Path work = options.workDir();
    this.lakeAsOf = null;
    ingest(options, start, stages, EventFileScope.NONE_FROM_LAKE, () -> Files.createDirectories(work), null, null);
    try (DuckDbWarehouse warehouse = open(options)) {
      long t = System.nanoTime();
      DbtEngine engine = compileModels(warehouse, work, options, start);
      stages.put("compile", since(t));
      t = System.nanoTime();
      List<String> failedTests = buildModels(engine, start);
      stages.put("build models", since(t));
      score(warehouse, options, start, stages);
      return export(warehouse, options.out(), options.dataset().toAbsolutePath().normalize().toString(), start,
          stages, failedTests, work, jobRuntime, lines);
    }
  }

  /** Clears (or creates) an audit work directory, refusing a folder that is not one. */
  public static void prepare(Path work) throws IOException, UsageException {
    prepareWorkDir(work);
  }

  /** What the ingestion step did: the event lines it read and how long the Flink job ran. */
  public record Ingested(long lines, Duration jobRuntime, long rows, long rejectedRows) {}

  /** Which event files a run reads: all of them (the audit), or those not named after the as-of date. */
  enum EventFileScope { ALL, THROUGH_AS_OF, NONE_FROM_LAKE }

  /** A step before anything is loaded: clearing or preparing the work directory. */
  interface Prepare {
    void run() throws IOException, UsageException;
  }

  /**
   * {@code leakproof ingest}: the dataset's tables and events into the work directory's
   * warehouse, which keeps everything else it holds (the sync ledgers, the Stripe customer map,
   * the marts until they are rebuilt). Event files named with a date after the as-of date are
   * left out, so a backfill of an earlier day sees that day's files only.
   */
  public Ingested ingestInto(AuditOptions options) throws Exception {
    Path work = options.workDir();
    return ingest(options, System.nanoTime(), new LinkedHashMap<>(), EventFileScope.THROUGH_AS_OF,
        () -> Files.createDirectories(work), null, null);
  }

  /**
   * The streaming variant of {@code ingest}: the dataset's CSV tables into the warehouse, and the
   * events from the lake the continuous job keeps (its commits up to {@code lakeAsOf}, all when
   * null) instead of event files.
   */
  public Ingested ingestFromLake(AuditOptions options, java.time.Instant lakeAsOf) throws Exception {
    Path work = options.workDir();
    dev.leakproof.cli.lake.WorkLake.open(work, "; `leakproof stream --work-dir " + work + "` writes it");
    this.lakeAsOf = lakeAsOf;
    return ingest(options, System.nanoTime(), new LinkedHashMap<>(), EventFileScope.NONE_FROM_LAKE,
        () -> Files.createDirectories(work), null, null);
  }

  private java.time.Instant lakeAsOf;

  /**
   * @param keep when not null, receives the warehouse, left open for the caller
   * @param during when not null, runs on this thread with the warehouse once the sources are
   *     loaded, while the ingestion job (scope ALL) runs on its own thread
   */
  private Ingested ingest(AuditOptions options, long start, Map<String, Duration> stages, EventFileScope scope,
      Prepare prepare, Opened keep, WhileIngesting during) throws Exception {
    Path dataset = options.dataset();
    if (!Files.isDirectory(dataset)) {
      throw new UsageException("Invalid --dataset: " + dataset + " is not a folder");
    }
    DatasetReader reader = new DatasetReader(dataset);
    List<Path> usageFiles;
    List<Path> seatFiles;
    try {
      reader.checkStructure();
      if (scope == EventFileScope.NONE_FROM_LAKE) {
        usageFiles = List.of();
        seatFiles = List.of();
      } else {
        usageFiles = eventFiles(dataset, EventStream.USAGE, scope == EventFileScope.ALL ? null : options.asOf());
        seatFiles = eventFiles(dataset, EventStream.SEATS, scope == EventFileScope.ALL ? null : options.asOf());
      }
    } catch (DatasetContractException e) {
      throw new UsageException(e.getMessage());
    }

    long t = System.nanoTime();
    SourceData sources;
    try {
      sources = reader.read();
    } catch (DatasetContractException e) {
      throw new UsageException(e.getMessage());
    }
    Path work = options.workDir();
    prepare.run();
    System.setProperty("leakproof.log.file", work.resolve("leakproof.log").toString());
    long rows = sources.tables().values().stream().mapToLong(d -> d.rows().size()).sum();
    ReferenceData reference = new ReferenceData(
        sources.distinct(SourceTable.WORKSPACES, "workspace_id"),
        sources.distinct(SourceTable.PRICE_BOOK, "metric"),
        options.asOf());
    ThresholdSettings thresholds = thresholds(options.dataset());
    // the whole audit's job starts now, on its own thread: its cluster and lake tables come up
    // while DuckDB loads the sources
    BackgroundJob background = scope == EventFileScope.ALL
        ? BackgroundJob.start(new IngestionJob(new IngestionConfig(usageFiles, seatFiles, reference,
            work.resolve("lake"), options.parallelism(), java.time.Duration.ZERO, work.resolve("checkpoints"),
            thresholds)))
        : null;
    DuckDbWarehouse warehouse = null;
    boolean handedOver = false;
    try {
      warehouse = open(options);
      RawLoader loader = new RawLoader(warehouse);
      loader.loadSources(sources);
      try {
        loader.loadStripeCustomers(options.dataset().resolve("stripe_customers.csv"));
      } catch (IllegalArgumentException e) {
        throw new UsageException(e.getMessage());
      }
      stages.put("load sources", since(t));
      console.step(since(start), "loaded 6 source tables into DuckDB: " + rows + " rows, "
          + sources.rejections().size() + " rejected");
      if (during != null) {
        during.run(warehouse);
      }

      t = System.nanoTime();
      Lake lake;
      long lines;
      Duration jobRuntime;
      if (scope == EventFileScope.ALL) {
        lines = countLines(usageFiles) + countLines(seatFiles);
        JobExecutionResult done;
        try (Console.Progress progress = console.progress("ingest", lines, "lines")) {
          done = background.await(progress::set);
        }
        jobRuntime = Duration.ofMillis(done.getNetRuntime());
        lake = background.job.lake();
        console.step(since(start), "ingested " + lines + " event lines through Flink into the Iceberg lake");
        stages.put("ingest events", background.wall());
      } else if (scope == EventFileScope.NONE_FROM_LAKE) {
        lines = 0;
        jobRuntime = Duration.ZERO;
        lake = new Lake(dev.leakproof.pipelines.lake.LakeConfig.fromEnvironment(work.resolve("lake")));
      } else {
        FileIngestRun run = new FileIngestRun(new FileIngestRun.Config(work,
            java.util.Map.of(EventStream.USAGE, usageFiles, EventStream.SEATS, seatFiles), reference,
            ContinuousSettings.defaults(options.parallelism()), thresholds));
        FileIngestRun.Result result;
        try (Console.Progress progress = console.progress("ingest", 0, "lines")) {
          result = run.run(progress::set);
        } catch (IllegalStateException e) {
          throw new UsageException(e.getMessage());
        }
        lines = result.lines();
        jobRuntime = result.jobRuntime();
        lake = new Lake(dev.leakproof.pipelines.lake.LakeConfig.fromEnvironment(work.resolve("lake")));
        console.step(since(start), result.nothingNew() ? "no event file new since the last ingestion run"
            : String.format(java.util.Locale.ROOT, "ingestion run %d%s: %,d event lines of new files through Flink, "
                + "appended to the Iceberg lake", result.run(), result.resumed() ? " (finished after an interruption)"
                : "", lines));
      }
      if (scope != EventFileScope.ALL) {
        stages.put("ingest events", since(t));
      }

      t = System.nanoTime();
      var loads = new dev.leakproof.cli.lake.LakeWarehouseSync(lake, warehouse).load(
          scope == EventFileScope.NONE_FROM_LAKE ? lakeAsOf : null);
      stages.put("load lake", since(t));
      console.step(since(start), "loaded the lake's new commits into the warehouse: " + loads.stream()
          .mapToLong(dev.leakproof.cli.lake.LakeWarehouseSync.TableLoad::rows).sum() + " rows from "
          + loads.stream().mapToInt(dev.leakproof.cli.lake.LakeWarehouseSync.TableLoad::commits).sum() + " commits");
      if (keep != null) {
        keep.warehouse = warehouse;
        handedOver = true;
      }
      return new Ingested(lines, jobRuntime, rows, sources.rejections().size());
    } finally {
      if (background != null) {
        background.stop();
      }
      if (warehouse != null && !handedOver) {
        warehouse.close();
      }
    }
  }

  /** The ingestion job running on its own thread, with the lines it has read so far. */
  private static final class BackgroundJob {
    final IngestionJob job;
    final java.util.concurrent.atomic.AtomicLong read = new java.util.concurrent.atomic.AtomicLong();
    final java.util.concurrent.CompletableFuture<JobExecutionResult> result =
        new java.util.concurrent.CompletableFuture<>();
    final long started = System.nanoTime();
    volatile long finished;
    Thread thread;

    private BackgroundJob(IngestionJob job) {
      this.job = job;
    }

    static BackgroundJob start(IngestionJob job) {
      BackgroundJob b = new BackgroundJob(job);
      b.thread = new Thread(() -> {
        try {
          JobExecutionResult r = job.runLocal(b.read::set);
          b.finished = System.nanoTime();
          b.result.complete(r);
        } catch (Throwable e) {
          b.finished = System.nanoTime();
          b.result.completeExceptionally(e);
        }
      }, "leakproof-ingest");
      b.thread.setDaemon(true);
      b.thread.start();
      return b;
    }

    /** Waits for the job, passing on the lines read; rethrows what made it fail. */
    JobExecutionResult await(java.util.function.LongConsumer progress) throws Exception {
      while (true) {
        try {
          JobExecutionResult r = result.get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
          progress.accept(read.get());
          return r;
        } catch (java.util.concurrent.TimeoutException e) {
          progress.accept(read.get());
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof Exception cause) {
            throw cause;
          }
          throw e;
        }
      }
    }

    /** The job's wall time from its start (cluster and lake tables included) to its end. */
    Duration wall() {
      return Duration.ofNanos(finished - started);
    }

    /** Cancels the job if it still runs (the audit failed elsewhere) and waits for its cluster to stop. */
    void stop() throws InterruptedException {
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(java.time.Duration.ofSeconds(60).toMillis());
      }
    }
  }

  /**
   * {@code leakproof export} and the audit's last step: findings.csv, quarantine.csv and
   * capture.json (atomically), then report.html, from a warehouse whose marts are built.
   */
  public AuditResult export(DuckDbWarehouse warehouse, Path out, String source, long start,
      Map<String, Duration> stages, List<String> failedTests, Path work, Duration jobRuntime, long lines)
      throws Exception {
    long t = System.nanoTime();
    AuditOutputs outputs = new AuditOutputs(warehouse, out);
    AuditResult result = outputs.write(stages, failedTests, work, jobRuntime, lines);
    stages.put("export", since(t));
    console.step(since(start), "wrote findings.csv, quarantine.csv and capture.json to " + out);

    t = System.nanoTime();
    var report = dev.leakproof.cli.report.LeakageReport.write(warehouse.connection(), warehouse.defaultSchema(),
        source, out);
    stages.put("report", since(t));
    console.step(since(start), String.format(java.util.Locale.ROOT, "wrote the leakage report %s (%,d KB)",
        report.file().getFileName(), report.bytes() / 1024));
    return new AuditResult(result.findings(), result.capture(), result.quarantinedLines(), result.rejectedRows(),
        stages, failedTests, result.findingsFile(), result.quarantineFile(), result.captureFile(), work,
        jobRuntime, lines);
  }

  private static DuckDbWarehouse open(AuditOptions options) throws java.sql.SQLException {
    return DuckDbWarehouse.open(new DuckDbWarehouse.Settings(options.workDir().resolve("warehouse.duckdb"),
        options.memoryLimit(), Math.max(1, Runtime.getRuntime().availableProcessors())));
  }

  /** Compiles the bundled project with Calcite against the warehouse (the DuckDB dialect). */
  private DbtEngine compileModels(DuckDbWarehouse warehouse, Path work, AuditOptions options, long start)
      throws Exception {
    DbtEngine engine = bundledEngine(warehouse, work, options.asOf(), "build");
    CompiledProject compiled = engine.compile();
    console.step(since(start), "compiled " + compiled.models().size() + " models and "
        + compiled.nodes().stream().filter(n -> n.kind() == NodeKind.TEST).count()
        + " tests with Calcite (DuckDB dialect)");
    return engine;
  }

  /**
   * Leakproof's own SQL project, unpacked under the work directory, on the warehouse for an as-of
   * date (the DuckDB dialect), as {@code flags.WHICH} = {@code command}: the audit's, and the
   * rebuilds the ml commands run with an earlier as-of or after scoring.
   */
  public static DbtEngine bundledEngine(DuckDbWarehouse warehouse, Path work, java.time.LocalDate asOf, String command)
      throws Exception {
    DbtProject project = ProjectLoader.load(BundledProject.extract(work.resolve("sql-project")));
    return new DbtEngine(project, warehouse, new ProjectCompiler.Options(Target.DUCKDB, Target.DUCKDB.adapterType(),
        warehouse.defaultSchema(), Map.of("as_of", asOf.toString()), false, BUILD_THREADS, command),
        work.resolve("target"));
  }

  /** Nodes built at once: DuckDB runs each query on all cores, yet small ones leave cores idle (one per core). */
  static final int BUILD_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

  private List<String> buildModels(DbtEngine engine, long start) throws Exception {
    CompiledProject compiled = engine.compile();
    List<String> failedTests = new ArrayList<>();
    List<NodeResult> results;
    try (Console.Progress progress = console.progress("build", compiled.nodes().size(), "nodes")) {
      java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
      results = engine.execute(DbtEngine.Command.BUILD, null, null, r -> progress.set(done.incrementAndGet()));
    }
    failedTests.addAll(failedTests(results));
    console.step(since(start), "built the models in DuckDB; " + (results.size() - failedTests.size())
        + " of " + results.size() + " nodes passed");
    return failedTests;
  }

  /**
   * The tests that failed in a run's results, as {@code name: message}.
   *
   * @throws IllegalStateException naming the first node that could not be built (an error, or
   *     skipped because something it needs failed)
   */
  public static List<String> failedTests(List<NodeResult> results) {
    List<String> failed = new ArrayList<>();
    for (NodeResult r : results) {
      if (r.status().equals("error") || r.status().equals("skipped")) {
        throw new IllegalStateException("Cannot build " + r.name() + " (" + r.file() + "): " + r.message());
      }
      if (r.status().equals("fail")) {
        failed.add(r.name() + ": " + r.message());
      }
    }
    return failed;
  }

  /** A date in a file name: {@code usage_events_2026-06-15.jsonl} or {@code usage_events_20260615.jsonl}. */
  private static final java.util.regex.Pattern FILE_DATE =
      java.util.regex.Pattern.compile("(?<!\\d)(\\d{4})-?(\\d{2})-?(\\d{2})(?!\\d)");

  private static List<Path> eventFiles(Path dataset, EventStream stream, java.time.LocalDate asOf)
      throws IOException, DatasetContractException {
    List<Path> files = EventFiles.find(dataset, stream).stream()
        .filter(f -> asOf == null || !namedAfter(f, asOf)).toList();
    if (files.isEmpty()) {
      throw new DatasetContractException(stream.filePrefix() + "*.jsonl: missing file (expected in " + dataset + ")");
    }
    return files;
  }

  /** Whether the file's name carries a valid date later than {@code asOf}. */
  static boolean namedAfter(Path file, java.time.LocalDate asOf) {
    java.util.regex.Matcher m = FILE_DATE.matcher(file.getFileName().toString());
    while (m.find()) {
      try {
        java.time.LocalDate d = java.time.LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
            Integer.parseInt(m.group(3)));
        return d.isAfter(asOf);
      } catch (java.time.DateTimeException e) {
        // not a date: a sequence number such as usage_events_00000001
      }
    }
    return false;
  }

  /** Marks a folder as a Leakproof work directory, which a later run may clear. */
  static final String MARKER = ".leakproof-work";

  private static void prepareWorkDir(Path work) throws IOException, UsageException {
    if (Files.exists(work)) {
      boolean empty;
      try (Stream<Path> entries = Files.list(work)) {
        empty = entries.findAny().isEmpty();
      }
      if (!empty && !Files.exists(work.resolve(MARKER))) {
        throw new UsageException("Invalid --work-dir: " + work + " is not empty and not a Leakproof work directory");
      }
      try (Stream<Path> old = Files.walk(work)) {
        for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    Files.createDirectories(work);
    Files.writeString(work.resolve(MARKER), "Leakproof work directory: cleared by the next audit run.\n");
  }

  /**
   * The plan limits of the dataset's contracts and price book, and the levels of thresholds.yml
   * ({@link ThresholdsFile}), for the threshold events the ingestion raises; null when they are
   * turned off ({@code LEAKPROOF_THRESHOLDS=off}).
   */
  private static ThresholdSettings thresholds(Path dataset) throws UsageException {
    dev.leakproof.pipelines.thresholds.ThresholdPolicy policy = ThresholdsFile.resolve(null, dataset);
    if (policy == null) {
      return null;
    }
    try {
      return new ThresholdSettings(PlanSource.fixed(PlanSource.read(dataset)), policy);
    } catch (java.io.IOException e) {
      throw new UsageException("Cannot read the plan limits in " + dataset + ": " + e.getMessage());
    }
  }

  static long countLines(List<Path> files) throws IOException {
    long n = 0;
    byte[] buffer = new byte[1 << 16];
    for (Path f : files) {
      boolean pending = false;
      try (var in = Files.newInputStream(f)) {
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
      if (pending) {
        n++;
      }
    }
    return n;
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
