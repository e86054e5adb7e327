package dev.leakproof.pipelines.stream;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;

/**
 * A continuous job started by {@link ContinuousRunner} on its own MiniCluster: its status, what it
 * resumed from, the state of its operators, and the way to stop it that keeps its state (a
 * savepoint). Once the job completes a checkpoint of its own, older state is pruned.
 */
public final class RunningJob implements AutoCloseable {

  private final MiniCluster cluster;
  private final JobID id;
  private final JobStateDir stateDir;
  private final Optional<JobStateDir.Snapshot> restoredFrom;
  private boolean pruned;

  RunningJob(MiniCluster cluster, JobID id, JobStateDir stateDir, Optional<JobStateDir.Snapshot> restoredFrom) {
    this.cluster = cluster;
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
    AccessExecutionGraph graph;
    try {
      graph = cluster.getExecutionGraph(id).get(10, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      return List.of();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.flink.runtime.dispatcher.UnavailableDispatcherOperationException) {
        return List.of();
      }
      throw e;
    }
    List<ExecutionState> states = new ArrayList<>();
    for (AccessExecutionJobVertex v : graph.getVerticesTopologically()) {
      if (v.getName().contains(nameFragment)) {
        states.add(v.getAggregateState());
      }
    }
    return states;
  }

  /**
   * One line on how the job is doing, for a caller that waited too long: its status, its completed
   * and failed checkpoints, and the latest failure it restarted from (a job under a restart strategy
   * that fails again and again looks merely slow from outside).
   */
  public String health() throws InterruptedException {
    try {
      AccessExecutionGraph graph = cluster.getExecutionGraph(id).get(10, TimeUnit.SECONDS);
      StringBuilder line = new StringBuilder("job ").append(graph.getState());
      var stats = graph.getCheckpointStatsSnapshot();
      if (stats != null) {
        line.append(", checkpoints completed ").append(stats.getCounts().getNumberOfCompletedCheckpoints())
            .append(" failed ").append(stats.getCounts().getNumberOfFailedCheckpoints())
            .append(" in progress ").append(stats.getCounts().getNumberOfInProgressCheckpoints());
      }
      var failure = graph.getFailureInfo();
      if (failure != null) {
        String trace = failure.getExceptionAsString();
        line.append(", latest failure: ").append(trace.lines().limit(3).reduce((a, b) -> a + " | " + b).orElse(""));
      }
      return line.toString();
    } catch (ExecutionException | TimeoutException e) {
      return "job status unknown: " + e;
    }
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
    String location = cluster.stopWithSavepoint(id, stateDir.savepoints().toUri().toString(), false,
        SavepointFormatType.CANONICAL).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    cluster.requestJobResult(id).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    Path savepoint = location.startsWith("file:") ? Path.of(java.net.URI.create(location)) : Path.of(location);
    stateDir.latest().ifPresent(s -> stateDir.pruneOlderThan(s, 2));
    return savepoint;
  }

  /** Cancels the job without a savepoint (its retained checkpoints stay for the next run). */
  public void cancel() throws InterruptedException, ExecutionException, TimeoutException {
    cluster.cancelJob(id).get(30, TimeUnit.SECONDS);
    cluster.requestJobResult(id).get(30, TimeUnit.SECONDS);
  }

  /** Shuts the MiniCluster down (after the job stopped, or to abandon it). */
  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
