package dev.leakproof.pipelines;

import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.hygiene.CorrectionResolver;
import dev.leakproof.pipelines.hygiene.DecodeFunction;
import dev.leakproof.pipelines.hygiene.DedupeFunction;
import dev.leakproof.pipelines.hygiene.DuplicateLine;
import dev.leakproof.pipelines.hygiene.HygieneOutputs;
import dev.leakproof.pipelines.hygiene.LocalProgress;
import dev.leakproof.pipelines.hygiene.QuarantinedLine;
import dev.leakproof.pipelines.hygiene.EventRecord;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.LakeRows;
import dev.leakproof.pipelines.lake.LakeTable;
import dev.leakproof.pipelines.source.FileOrderAssigner;
import dev.leakproof.pipelines.source.JsonLinesFormat;
import dev.leakproof.schemas.events.EventLine;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.iceberg.flink.sink.FlinkSink;

/**
 * The event ingestion job: files read in arrival order, decoded, deduplicated by event id,
 * checked, corrections resolved, and written to the lake's event, quarantine and duplicate
 * tables. Built on a {@link StreamExecutionEnvironment}, so the same topology runs on a local
 * MiniCluster (the embedded default) or a Flink cluster; sources other than files plug in ahead
 * of {@link #hygiene}.
 */
public final class IngestionJob {

  private final IngestionConfig config;
  private final Lake lake;
  private final String progressKey = "ingest-" + java.util.UUID.randomUUID();

  public IngestionJob(IngestionConfig config) {
    this.config = config;
    this.lake = new Lake(config.lakeDir());
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
        Thread.sleep(200);
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
    List<DataStream<QuarantinedLine>> quarantine = new ArrayList<>();
    List<DataStream<DuplicateLine>> duplicates = new ArrayList<>();
    if (!config.usageFiles().isEmpty()) {
      List<String> names = fileNames(config.usageFiles());
      SingleOutputStreamOperator<EventRecord> checked =
          hygiene(EventStream.USAGE, fileLines(env, EventStream.USAGE, config.usageFiles()), quarantine, duplicates);
      SingleOutputStreamOperator<EventRecord> resolved = checked
          .keyBy(EventRecord::targetEventId)
          .process(new CorrectionResolver(names))
          .name("usage: resolve corrections").uid("usage-corrections");
      quarantine.add(resolved.getSideOutput(HygieneOutputs.QUARANTINE));
      sink(resolved, new LakeRows.Usage(names), LakeTable.USAGE_EVENTS);
    }
    if (!config.seatFiles().isEmpty()) {
      SingleOutputStreamOperator<EventRecord> checked =
          hygiene(EventStream.SEATS, fileLines(env, EventStream.SEATS, config.seatFiles()), quarantine, duplicates);
      sink(checked, new LakeRows.Seats(fileNames(config.seatFiles())), LakeTable.SEAT_EVENTS);
    }
    if (!quarantine.isEmpty()) {
      sink(union(quarantine), new LakeRows.Quarantine(), LakeTable.EVENT_QUARANTINE);
      sink(union(duplicates), new LakeRows.Duplicates(), LakeTable.EVENT_DUPLICATES);
    }
  }

  /** A stream's files read in file-name order by one reader, stamped with their arrival sequence. */
  static DataStream<EventLine> fileLines(StreamExecutionEnvironment env, EventStream stream, List<Path> files) {
    List<String> names = files.stream().map(p -> p.toAbsolutePath().toString()).toList();
    org.apache.flink.core.fs.Path[] paths = files.stream()
        .map(p -> new org.apache.flink.core.fs.Path(p.toAbsolutePath().toUri()))
        .toArray(org.apache.flink.core.fs.Path[]::new);
    FileSource<EventLine> source = FileSource.forBulkFileFormat(new JsonLinesFormat(stream, names), paths)
        .setSplitAssigner(FileOrderAssigner.provider())
        .build();
    WatermarkStrategy<EventLine> arrivalOrder = WatermarkStrategy.<EventLine>forMonotonousTimestamps()
        .withTimestampAssigner((line, ts) -> line.seq());
    return env.fromSource(source, arrivalOrder, stream.key() + ": event files")
        .setParallelism(1).uid(stream.key() + "-files");
  }

  /**
   * The hygiene operators of one stream: decode, then the duplicate and stateless checks keyed
   * by event id. Quarantined lines and duplicates are added to the given lists.
   */
  public SingleOutputStreamOperator<EventRecord> hygiene(EventStream stream, DataStream<EventLine> lines,
      List<DataStream<QuarantinedLine>> quarantine, List<DataStream<DuplicateLine>> duplicates) {
    String name = stream.key();
    List<String> names = fileNames(stream == EventStream.USAGE ? config.usageFiles() : config.seatFiles());
    SingleOutputStreamOperator<EventRecord> decoded = lines
        .process(new DecodeFunction(config.reference(), names, progressKey))
        .setParallelism(1).name(name + ": decode and check").uid(name + "-decode");
    SingleOutputStreamOperator<EventRecord> checked = decoded
        .keyBy(EventRecord::eventId)
        .process(new DedupeFunction(names))
        .name(name + ": dedupe").uid(name + "-dedupe");
    quarantine.add(decoded.getSideOutput(HygieneOutputs.QUARANTINE));
    quarantine.add(checked.getSideOutput(HygieneOutputs.QUARANTINE));
    duplicates.add(checked.getSideOutput(HygieneOutputs.DUPLICATES));
    return checked;
  }

  private static List<String> fileNames(List<Path> files) {
    return files.stream().map(p -> p.getFileName().toString()).toList();
  }

  private <T> void sink(DataStream<T> stream, org.apache.flink.api.common.functions.MapFunction<T,
      org.apache.flink.table.data.RowData> mapper, LakeTable table) {
    FlinkSink.builderFor(stream, mapper, LakeRows.typeOf(table))
        .tableLoader(lake.tableLoader(table))
        .uidPrefix(table.tableName() + "-sink")
        .append();
  }

  private static <T> DataStream<T> union(List<DataStream<T>> streams) {
    DataStream<T> first = streams.get(0);
    if (streams.size() == 1) {
      return first;
    }
    @SuppressWarnings("unchecked")
    DataStream<T>[] rest = streams.subList(1, streams.size()).toArray(new DataStream[0]);
    return first.union(rest);
  }

  public Lake lake() {
    return lake;
  }
}
