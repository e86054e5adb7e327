package dev.leakproof.pipelines.stream;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.client.program.ClusterClient;
import org.apache.flink.runtime.jobmaster.JobResult;

/**
 * A continuous job started by {@link ContinuousRunner}, on a MiniCluster of its own or submitted to
 * a Flink session cluster: its status, what it resumed from, the state of its operators, and the
 * way to stop it that keeps its state (a savepoint). Once the job completes a checkpoint of its
 * own, older state is pruned. Closing it shuts its MiniCluster down; a job on a session cluster
 * runs on after {@link #close} until it is stopped or cancelled.
 */
public final class RunningJob implements AutoCloseable {

  private final ClusterClient<?> cluster;
  private final JobInspector inspector;
  private final AutoCloseable owned;
  private final JobID id;
  private final JobStateDir stateDir;
  private final Optional<JobStateDir.Snapshot> restoredFrom;
  private boolean pruned;

  /**
   * @param cluster where the job runs
   * @param owned what {@link #close} shuts down besides the client (a MiniCluster), or null
   */
  RunningJob(ClusterClient<?> cluster, JobInspector inspector, AutoCloseable owned, JobID id, JobStateDir stateDir,
      Optional<JobStateDir.Snapshot> restoredFrom) {
    this.cluster = cluster;
    this.inspector = inspector;
    this.owned = owned;
    this.id = id;
    this.stateDir = stateDir;
    this.restoredFrom = restoredFrom;
  }

  public JobID id() {
    return id;
  }

  /** The checkpoint or savepoint this run resumed from, if any. */
  public Optional<JobStateDir.Snapshot> restoredFrom() {
    return restoredFrom;
  }

  public JobStatus status() throws InterruptedException, ExecutionException, TimeoutException {
    return cluster.getJobStatus(id).get(10, TimeUnit.SECONDS);
  }

  /** True once the job reached a terminal state (failed, cancelled, finished). */
  public boolean ended() {
    try {
      return status().isGloballyTerminalState();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return true;
    }
  }

  /** The job's failure, once it ended with one. */
  public Optional<Throwable> failure() throws InterruptedException {
    if (!ended()) {
      return Optional.empty();
    }
    try {
      JobResult result = cluster.requestJobResult(id).get(10, TimeUnit.SECONDS);
      return result.getSerializedThrowable().map(t -> t.deserializeError(getClass().getClassLoader()));
    } catch (ExecutionException | TimeoutException e) {
      return Optional.of(e);
    }
  }

  /**
   * The operators (job vertices) whose name contains {@code nameFragment}, with their aggregate
   * state; empty while the job is still being scheduled, or when the job manager does not answer
   * within 10 s (a long collection pause of a large run): the caller asks again.
   */
  public List<ExecutionState> vertexStates(String nameFragment) throws InterruptedException, ExecutionException {
    return inspector.vertexStates(id, nameFragment);
  }

  /**
   * One line on how the job is doing, for a caller that waited too long: its status, its completed
   * and failed checkpoints, and the latest failure it restarted from (a job under a restart strategy
   * that fails again and again looks merely slow from outside).
   */
  public String health() throws InterruptedException {
    return inspector.health(id);
  }

  /** The newest complete checkpoint or savepoint made since this run started, if any. */
  public Optional<JobStateDir.Snapshot> lastCheckpoint() {
    return stateDir.latest().filter(s -> restoredFrom.isEmpty()
        || s.completed().compareTo(restoredFrom.get().completed()) > 0);
  }

  /**
   * Prunes the state older than this job's first complete checkpoint, once there is one; call it
   * now and then. Until then the snapshot it resumed from is the only way back.
   */
  public void pruneOldState() {
    if (pruned) {
      return;
    }
    Optional<JobStateDir.Snapshot> own = lastCheckpoint();
    if (own.isPresent()) {
      stateDir.pruneOlderThan(own.get(), 2);
      pruned = true;
    }
  }

  /**
   * Stops the job with a savepoint: sources stop, every record before the savepoint is processed
   * and committed to the lake, and the state is written for the next run to resume from.
   *
   * @return the savepoint's folder
   */
  public Path stopWithSavepoint(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
    String location = cluster.stopWithSavepoint(id, false, stateDir.savepoints().toUri().toString(),
        SavepointFormatType.CANONICAL).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    cluster.requestJobResult(id).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    Path savepoint = location.startsWith("file:") ? Path.of(java.net.URI.create(location)) : Path.of(location);
    stateDir.latest().ifPresent(s -> stateDir.pruneOlderThan(s, 2));
    return savepoint;
  }

  /** Cancels the job without a savepoint (its retained checkpoints stay for the next run). */
  public void cancel() throws InterruptedException, ExecutionException, TimeoutException {
    cluster.cancel(id).get(30, TimeUnit.SECONDS);
    cluster.requestJobResult(id).get(30, TimeUnit.SECONDS);
  }

  /**
   * Shuts the MiniCluster down (after the job stopped, or to abandon it); for a job on a session
   * cluster only the client closes, and the job runs on.
   */
  @Override
  public void close() throws Exception {
    try {
      cluster.close();
    } finally {
      if (owned != null) {
        owned.close();
      }
    }
  }
}
