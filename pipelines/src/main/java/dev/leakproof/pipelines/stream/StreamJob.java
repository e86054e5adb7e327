package dev.leakproof.pipelines.stream;

import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.HygieneTopology;
import dev.leakproof.pipelines.hygiene.HygieneState;
import dev.leakproof.pipelines.hygiene.ReferenceSource;
import dev.leakproof.pipelines.kafka.EventTopics;
import dev.leakproof.pipelines.kafka.KafkaSettings;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.pipelines.lake.LakeConfig;
import dev.leakproof.pipelines.lake.LakeFeed;
import dev.leakproof.pipelines.source.ArrivalWatermarks;
import dev.leakproof.pipelines.source.KafkaEventSource;
import dev.leakproof.pipelines.source.SourceNames;
import dev.leakproof.schemas.events.EventLine;
import dev.leakproof.pipelines.thresholds.PlanSource;
import dev.leakproof.pipelines.thresholds.ThresholdPolicy;
import dev.leakproof.pipelines.thresholds.ThresholdSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The continuous ingestion job: the event topics read by Kafka sources through the hygiene
 * operators into the lasting lake, committed once per checkpoint, until stopped. Lines of one
 * event id are put in arrival order by the watermark before the duplicate check (a topic's
 * partitions interleave), event ids are remembered for the billing cycle plus the late tolerance,
 * and reference data is reread from its folder when it changes.
 */
public final class StreamJob {

  /** The {@code LocalProgress} key of the lines the job has read, for a local progress line. */
  public static final String PROGRESS_KEY = "leakproof-stream";

  /**
   * @param workDir holds the lake ({@code lake/}) and the job's state ({@code state/stream/})
   * @param referenceDir the folder of workspaces.csv and price_book.csv
   * @param thresholds the levels of plan limits that raise threshold events, or null for none
   * @param lake where the lake is (a folder, or object storage behind a catalog); null for what the
   *     environment says ({@link LakeConfig#fromEnvironment}, by default the folder {@code workDir/lake})
   */
  public record Config(KafkaSettings kafka, Path workDir, Path referenceDir, ContinuousSettings settings,
      ThresholdPolicy thresholds, LakeConfig lake) {
    public Config {
      Objects.requireNonNull(kafka, "kafka");
      Objects.requireNonNull(workDir, "workDir");
      Objects.requireNonNull(referenceDir, "referenceDir");
      Objects.requireNonNull(settings, "settings");
    }

    /** With the default threshold levels. */
    public Config(KafkaSettings kafka, Path workDir, Path referenceDir, ContinuousSettings settings) {
      this(kafka, workDir, referenceDir, settings, ThresholdPolicy.defaults());
    }

    /** With the lake the environment names. */
    public Config(KafkaSettings kafka, Path workDir, Path referenceDir, ContinuousSettings settings,
        ThresholdPolicy thresholds) {
      this(kafka, workDir, referenceDir, settings, thresholds, null);
    }

    /** The same job writing to {@code lake}. */
    public Config withLake(LakeConfig lake) {
      return new Config(kafka, workDir, referenceDir, settings, thresholds, lake);
    }

    /** The lake the job writes: the one given, else the environment's. */
    public LakeConfig lakeConfig() {
      return lake != null ? lake : LakeConfig.fromEnvironment(lakeDir());
    }

    public Path lakeDir() {
      return workDir.resolve("lake");
    }

    public JobStateDir stateDir() {
      return new JobStateDir(workDir.resolve("state").resolve("stream"));
    }
  }

  private final Config config;

  public StreamJob(Config config) {
    this.config = config;
  }

  /**
   * Creates what is missing (topics, lake tables) and starts the job, resuming from the newest
   * checkpoint or savepoint of an earlier run.
   */
  public RunningJob start() throws Exception {
    return start(null);
  }

  /**
   * Creates what is missing (topics, lake tables) and submits the job to a Flink session cluster
   * with the job jar, resuming from the newest checkpoint or savepoint of an earlier run. The
   * cluster's processes read the reference folder and write the lake and the state folder: on one
   * machine these are local paths; on a real cluster, storage every process reaches (s3://).
   */
  public RunningJob submit(SessionCluster cluster) throws Exception {
    return start(java.util.Objects.requireNonNull(cluster, "cluster"));
  }

  private RunningJob start(SessionCluster cluster) throws Exception {
    ReferenceSource reference = ReferenceSource.files(config.referenceDir(), 30_000);
    reference.current(); // a missing or broken reference folder is an error now, not a job failure later
    LakeFeed.claim(config.lakeDir(), LakeFeed.STREAM);
    Lake lake = new Lake(config.lakeConfig());
    lake.ensureAll();
    Map<String, Integer> partitions;
    try (EventTopics topics = new EventTopics(config.kafka())) {
      topics.awaitCluster(Duration.ofSeconds(30));
      partitions = topics.ensure();
    }
    ContinuousRunner runner = new ContinuousRunner(config.settings(), config.stateDir());
    if (cluster != null) {
      return runner.submit(cluster, "leakproof-stream", env -> build(env, lake, reference, partitions), false);
    }
    return runner.start("leakproof-stream", env -> build(env, lake, reference, partitions), false);
  }

  /**
   * The threshold operators' settings when the reference folder has the contracts (and price book)
   * to know the plan limits; null (none) otherwise, with a warning.
   */
  static ThresholdSettings thresholds(Path referenceDir, ThresholdPolicy policy) {
    if (policy == null) {
      return null;
    }
    if (!java.nio.file.Files.isRegularFile(referenceDir.resolve("contracts.csv"))) {
      org.slf4j.LoggerFactory.getLogger(StreamJob.class).warn("No contracts.csv in {}: no usage thresholds are raised",
          referenceDir);
      return null;
    }
    PlanSource plans = PlanSource.files(referenceDir, 30_000);
    plans.current(); // a broken contracts.csv is an error now, not a job failure later
    return new ThresholdSettings(plans, policy);
  }

  private void build(StreamExecutionEnvironment env, Lake lake, ReferenceSource reference,
      Map<String, Integer> partitions) {
    ContinuousSettings s = config.settings();
    List<HygieneTopology.Input> inputs = new ArrayList<>();
    for (EventStream stream : EventStream.values()) {
      String topic = config.kafka().topic(stream);
      int parallelism = Math.max(1, Math.min(s.parallelism(), partitions.getOrDefault(topic, 1)));
      DataStream<EventLine> lines = env.fromSource(KafkaEventSource.of(config.kafka(), stream),
              ArrivalWatermarks.partitioned(s.outOfOrderness()), stream.key() + ": topic " + topic)
          .setParallelism(parallelism).uid(stream.key() + "-kafka");
      inputs.add(new HygieneTopology.Input(stream, lines, SourceNames.partitions(topic)));
    }
    new HygieneTopology(reference, new HygieneState(HygieneState.Ordering.BY_WATERMARK, s.dedupeTtl()), PROGRESS_KEY)
        .thresholds(thresholds(config.referenceDir(), config.thresholds()))
        .build(inputs, lake);
  }
}
