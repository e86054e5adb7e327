package dev.leakproof.pipelines;

import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.hygiene.DecodeFunction;
import dev.leakproof.pipelines.hygiene.CheckedLine;
import dev.leakproof.pipelines.hygiene.CheckingLinesFormat;
import dev.leakproof.pipelines.hygiene.HygieneState;
import dev.leakproof.pipelines.hygiene.LocalProgress;
import dev.leakproof.pipelines.hygiene.ReferenceSource;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.LakeTable;
import dev.leakproof.pipelines.source.ArrivalWatermarks;
import dev.leakproof.pipelines.source.FileOrderAssigner;
import dev.leakproof.pipelines.source.JsonLinesFormat;
import dev.leakproof.pipelines.source.SourceNames;
import dev.leakproof.schemas.events.EventLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The event ingestion job: files read in arrival order, decoded, deduplicated by event id,
 * checked, corrections resolved, and written to the lake's event, quarantine and duplicate
 * tables. Built on a {@link StreamExecutionEnvironment}, so the same topology runs on a local
 * MiniCluster (the embedded default) or a Flink cluster. The operators are {@link HygieneTopology}'s,
 * which the continuous job builds on the event topics.
 */
public final class IngestionJob {

  private final IngestionConfig config;
  private final Lake lake;
  private final String progressKey = "ingest-" + java.util.UUID.randomUUID();

  public IngestionJob(IngestionConfig config) {
    this.config = config;
    this.lake = new Lake(dev.leakproof.pipelines.lake.LakeConfig.fromEnvironment(config.lakeDir()));
  }

  /** The Flink configuration of a local run: checkpoints to files and bounded restarts. */
  public Configuration flinkConfiguration() {
    Configuration conf = new Configuration();
    conf.setString("parallelism.default", String.valueOf(config.parallelism()));
    conf.setString("taskmanager.numberOfTaskSlots", String.valueOf(config.parallelism()));
    if (!config.checkpointInterval().isZero()) {
      conf.setString("execution.checkpointing.interval", config.checkpointInterval().toMillis() + " ms");
      conf.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
      conf.setString("execution.checkpointing.storage", "filesystem");
      conf.setString("execution.checkpointing.dir", config.checkpointDir().toAbsolutePath().toUri().toString());
    }
    conf.setString("restart-strategy.type", "fixed-delay");
    conf.setString("restart-strategy.fixed-delay.attempts", "2");
    conf.setString("restart-strategy.fixed-delay.delay", "1 s");
    conf.setString("pipeline.auto-watermark-interval", "100 ms");
    // records are immutable and rows are built fresh: chained operators may pass them on uncopied
    conf.setString("pipeline.object-reuse", "true");
    return conf;
  }

  /**
   * Recreates the lake tables and runs the job to the end of its files on a local MiniCluster.
   *
   * @param linesRead called every few hundred milliseconds with the lines read so far
   */
  public JobExecutionResult runLocal(LongConsumer linesRead) throws Exception {
    for (LakeTable table : LakeTable.values()) {
      lake.recreate(table);
    }
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration());
    build(env);
    JobClient client = env.executeAsync("leakproof-ingest");
    var result = client.getJobExecutionResult();
    var progress = LocalProgress.counter(progressKey);
    try {
      while (!result.isDone()) {
        linesRead.accept(progress.get());
        try {
          Thread.sleep(200);
        } catch (InterruptedException e) {
          // the caller gave up on the run: stop the job and its cluster before leaving
          client.cancel().get(30, java.util.concurrent.TimeUnit.SECONDS);
          throw e;
        }
      }
      JobExecutionResult done = result.get();
      linesRead.accept(sumLinesRead(done.getAllAccumulatorResults()));
      return done;
    } finally {
      LocalProgress.remove(progressKey);
    }
  }

  private static long sumLinesRead(Map<String, Object> accumulators) {
    long sum = 0;
    for (Map.Entry<String, Object> a : accumulators.entrySet()) {
      if (a.getKey().startsWith(DecodeFunction.LINES_READ) && a.getValue() instanceof Number n) {
        sum += n.longValue();
      }
    }
    return sum;
  }

  /** Adds the whole topology, sources to lake sinks, to the environment. */
  public void build(StreamExecutionEnvironment env) {
    ReferenceSource reference = ReferenceSource.fixed(config.reference());
    HygieneTopology topology = new HygieneTopology(reference, HygieneState.bounded(), progressKey)
        .thresholds(config.thresholds());
    if (config.parallelism() == 1) {
      // one reader per stream holds every key: decoded and checked as read, the rest in one task
      List<HygieneTopology.CheckedInput> inputs = new ArrayList<>();
      for (EventStream stream : EventStream.values()) {
        List<Path> files = stream == EventStream.USAGE ? config.usageFiles() : config.seatFiles();
        if (!files.isEmpty()) {
          SourceNames names = SourceNames.files(fileNames(files));
          inputs.add(new HygieneTopology.CheckedInput(stream, checkedFileLines(env, stream, files, reference, names),
              names));
        }
      }
      topology.buildFused(inputs, lake);
      return;
    }
    List<HygieneTopology.Input> inputs = new ArrayList<>();
    if (!config.usageFiles().isEmpty()) {
      inputs.add(new HygieneTopology.Input(EventStream.USAGE, fileLines(env, EventStream.USAGE, config.usageFiles(),
          0, progressKey), SourceNames.files(fileNames(config.usageFiles()))));
    }
    if (!config.seatFiles().isEmpty()) {
      inputs.add(new HygieneTopology.Input(EventStream.SEATS, fileLines(env, EventStream.SEATS, config.seatFiles(),
          0, progressKey), SourceNames.files(fileNames(config.seatFiles()))));
    }
    topology.wiring(HygieneTopology.Wiring.EXCHANGE).build(inputs, lake);
  }

  /**
   * A stream's files read in file-name order by one reader that also decodes and checks each
   * line, on the file source's fetcher thread. Bounded and never checkpointed: no watermarks.
   */
  static DataStream<CheckedLine> checkedFileLines(StreamExecutionEnvironment env, EventStream stream, List<Path> files,
      ReferenceSource reference, SourceNames names) {
    List<String> paths = files.stream().map(p -> p.toAbsolutePath().toString()).toList();
    FileSource<CheckedLine> source = FileSource.forBulkFileFormat(
            new CheckingLinesFormat(new JsonLinesFormat(stream, paths, 0), reference, names),
            files.stream().map(p -> new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri()))
                .toArray(org.apache.flink.core.fs.Path[]::new))
        .setSplitAssigner(FileOrderAssigner.provider())
        .build();
    return env.fromSource(source, org.apache.flink.api.common.eventtime.WatermarkStrategy.noWatermarks(),
        stream.key() + ": event files").setParallelism(1).uid(stream.key() + "-files");
  }

  /**
   * A stream's files read in file-name order by one reader, stamped with their arrival sequence
   * in ingestion run {@code run}.
   */
  static DataStream<EventLine> fileLines(StreamExecutionEnvironment env, EventStream stream, List<Path> files,
      int run, String progressKey) {
    List<String> names = files.stream().map(p -> p.toAbsolutePath().toString()).toList();
    org.apache.flink.core.fs.Path[] paths = files.stream()
        .map(p -> new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri()))
        .toArray(org.apache.flink.core.fs.Path[]::new);
    FileSource<EventLine> source = FileSource.forBulkFileFormat(new JsonLinesFormat(stream, names, run), paths)
        .setSplitAssigner(FileOrderAssigner.provider())
        .build();
    return env.fromSource(source, ArrivalWatermarks.ordered(progressKey), stream.key() + ": event files")
        .setParallelism(1).uid(stream.key() + "-files");
  }

  private static List<String> fileNames(List<Path> files) {
    return files.stream().map(p -> p.getFileName().toString()).toList();
  }

  public Lake lake() {
    return lake;
  }
}
