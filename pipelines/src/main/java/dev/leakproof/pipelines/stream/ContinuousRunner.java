package dev.leakproof.pipelines.stream;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.api.common.JobID;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.MiniClusterClient;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.jobgraph.SavepointRestoreSettings;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Starts a continuous job with exactly-once checkpoints to files, retained when the job is
 * cancelled or killed, resuming from the newest checkpoint or savepoint in its state folder: on a
 * local MiniCluster ({@link #start}) or submitted to a Flink session cluster with the job jar
 * ({@link #submit}).
 *
 * <p>On a cluster every process reads and writes the state folder: a local path serves a cluster
 * of processes on one machine; on a real cluster it is an {@code s3://} URI, with Flink's S3
 * filesystem plugin installed in the cluster's {@code plugins/}. The restart strategy
 * (exponential delay, without a limit) carries the job over a lost TaskManager once the cluster
 * has slots again.
 */
public final class ContinuousRunner {

  private final ContinuousSettings settings;
  private final JobStateDir stateDir;

  public ContinuousRunner(ContinuousSettings settings, JobStateDir stateDir) {
    this.settings = settings;
    this.stateDir = stateDir;
  }

  /** The Flink configuration of the job, resuming from {@code restore} when present. */
  public Configuration configuration(Optional<JobStateDir.Snapshot> restore, boolean ignoreUnclaimedState) {
    Configuration conf = new Configuration();
    conf.setString("parallelism.default", String.valueOf(settings.parallelism()));
    conf.setString("taskmanager.numberOfTaskSlots", String.valueOf(Math.max(2, settings.parallelism())));
    conf.setString("execution.checkpointing.interval", settings.checkpointInterval().toMillis() + " ms");
    conf.setString("execution.checkpointing.mode", "EXACTLY_ONCE");
    conf.setString("execution.checkpointing.min-pause", settings.checkpointInterval().toMillis() / 5 + " ms");
    conf.setString("execution.checkpointing.timeout", "10 min");
    conf.setString("execution.checkpointing.tolerable-failed-checkpoints", "3");
    conf.setString("execution.checkpointing.storage", "filesystem");
    conf.setString("execution.checkpointing.dir", stateDir.checkpoints().toUri().toString());
    conf.setString("execution.checkpointing.savepoint-dir", stateDir.savepoints().toUri().toString());
    conf.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
    conf.setString("execution.checkpointing.num-retained", "2");
    conf.setString("state.backend.type", settings.stateBackend().flinkName());
    // snapshots of heap state written and read through Snappy's framed streams: a restore reads
    // them in blocks (an uncompressed one reads the file a few bytes per call, ~40 s for a
    // million event ids), and they take a third of the space
    conf.setString("execution.checkpointing.snapshot-compression", "true");
    if (settings.stateBackend() == ContinuousSettings.StateBackend.ROCKSDB) {
      conf.setString("execution.checkpointing.incremental", "true");
    }
    conf.setString("restart-strategy.type", "exponential-delay");
    conf.setString("restart-strategy.exponential-delay.initial-backoff", "1 s");
    conf.setString("restart-strategy.exponential-delay.max-backoff", "1 min");
    conf.setString("restart-strategy.exponential-delay.attempts-before-reset-backoff", "10");
    conf.setString("pipeline.auto-watermark-interval", "100 ms");
    conf.setString("pipeline.object-reuse", "true");
    restore.ifPresent(r -> conf.setString("execution.state-recovery.path", r.path().toUri().toString()));
    conf.setString("execution.state-recovery.ignore-unclaimed-state", String.valueOf(ignoreUnclaimedState));
    return conf;
  }

  /**
   * Builds the job with {@code topology} and starts it on a MiniCluster of its own, resuming from
   * the newest checkpoint or savepoint in the state folder.
   *
   * @param ignoreUnclaimedState whether state of operators the job no longer has may be dropped
   *     (an ingestion run's file source of an earlier run)
   */
  public RunningJob start(String name, Consumer<StreamExecutionEnvironment> topology, boolean ignoreUnclaimedState)
      throws Exception {
    Optional<JobStateDir.Snapshot> restore = stateDir.latest();
    Configuration conf = configuration(restore, ignoreUnclaimedState);
    StreamGraph graph = graph(name, topology, conf, restore, ignoreUnclaimedState);
    // the MiniCluster's REST endpoint on loopback and any free port, not *:8081 (another job's, maybe)
    Configuration clusterConf = new Configuration(conf);
    clusterConf.setString("rest.bind-address", "127.0.0.1");
    clusterConf.setString("rest.address", "127.0.0.1");
    clusterConf.setString("rest.bind-port", "0");
    MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
        .setConfiguration(clusterConf)
        .setNumTaskManagers(1)
        .setNumSlotsPerTaskManager(Math.max(2, settings.parallelism()))
        .build());
    cluster.start();
    try {
      JobID id = cluster.submitJob(graph).get().getJobID();
      return new RunningJob(new MiniClusterClient(conf, cluster), JobInspector.of(cluster), cluster, id, stateDir,
          restore);
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
  }

  /** The job's graph built with {@code conf}, resuming from {@code restore} when present. */
  private static StreamGraph graph(String name, Consumer<StreamExecutionEnvironment> topology, Configuration conf,
      Optional<JobStateDir.Snapshot> restore, boolean ignoreUnclaimedState) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    topology.accept(env);
    StreamGraph graph = env.getStreamGraph();
    graph.setJobName(name);
    graph.setSavepointRestoreSettings(restore
        .map(r -> SavepointRestoreSettings.forPath(r.path().toUri().toString(), ignoreUnclaimedState))
        .orElse(SavepointRestoreSettings.none()));
    return graph;
  }

  /**
   * Builds the job with {@code topology} here and submits it to a session cluster over its REST
   * API with the job jar, at this runner's parallelism, resuming from the newest checkpoint or
   * savepoint in the state folder (which every process of the cluster must reach).
   *
   * @throws Exception if the cluster does not accept the job within 2 min (the message names it)
   */
  public RunningJob submit(SessionCluster target, String name, Consumer<StreamExecutionEnvironment> topology,
      boolean ignoreUnclaimedState) throws Exception {
    Optional<JobStateDir.Snapshot> restore = stateDir.latest();
    Configuration conf = configuration(restore, ignoreUnclaimedState);
    StreamGraph graph = graph(name, topology, conf, restore, ignoreUnclaimedState);
    JobGraph job = graph.getJobGraph(ContinuousRunner.class.getClassLoader(), null);
    job.addJar(new org.apache.flink.core.fs.Path(target.jobJar().toUri()));
    Configuration client = new Configuration();
    client.setString("rest.address", target.restUrl().getHost());
    client.setString("rest.port", String.valueOf(target.restUrl().getPort()));
    RestClusterClient<StandaloneClusterId> cluster = new RestClusterClient<>(client, StandaloneClusterId.getInstance());
    try {
      JobID id = cluster.submitJob(job).get(2, TimeUnit.MINUTES);
      return new RunningJob(cluster, JobInspector.rest(target.restUrl()), null, id, stateDir, restore);
    } catch (ExecutionException | TimeoutException e) {
      cluster.close();
      throw new IOException("Cannot submit " + name + " to the Flink cluster at " + target.restUrl() + ": "
          + (e.getCause() == null ? e : e.getCause()), e);
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
  }
}
