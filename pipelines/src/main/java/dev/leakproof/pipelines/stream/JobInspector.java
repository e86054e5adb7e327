package dev.leakproof.pipelines.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobID;
import org.apache.flink.runtime.execution.ExecutionState;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.minicluster.MiniCluster;

/**
 * What a {@link RunningJob} reads about its job beyond Flink's {@code ClusterClient}: the state of
 * its operators and a line on its health. A MiniCluster answers from its execution graph; a
 * session cluster from its REST API.
 */
interface JobInspector {

  /**
   * The aggregate states of the operators whose name contains {@code nameFragment}; empty while
   * the job is being scheduled or the JobManager does not answer within 10 s.
   */
  List<ExecutionState> vertexStates(JobID id, String nameFragment) throws InterruptedException, ExecutionException;

  /** Status, completed and failed checkpoints, the latest failure: one line. */
  String health(JobID id) throws InterruptedException;

  /** Reads a MiniCluster's execution graph. */
  static JobInspector of(MiniCluster cluster) {
    return new JobInspector() {
      @Override
      public List<ExecutionState> vertexStates(JobID id, String nameFragment)
          throws InterruptedException, ExecutionException {
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

      @Override
      public String health(JobID id) throws InterruptedException {
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
            line.append(", latest failure: ").append(firstLines(failure.getExceptionAsString()));
          }
          return line.toString();
        } catch (ExecutionException | TimeoutException e) {
          return "job status unknown: " + e;
        }
      }
    };
  }

  /** Reads a cluster's REST API at {@code restUrl} ({@code http://HOST:PORT}). */
  static JobInspector rest(URI restUrl) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    ObjectMapper json = new ObjectMapper();
    class Rest implements JobInspector {
      JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(restUrl.resolve(path)).timeout(Duration.ofSeconds(10))
            .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          throw new IOException("GET " + restUrl.resolve(path) + " answered " + r.statusCode() + ": " + r.body());
        }
        return json.readTree(r.body());
      }

      @Override
      public List<ExecutionState> vertexStates(JobID id, String nameFragment) throws InterruptedException {
        try {
          List<ExecutionState> states = new ArrayList<>();
          for (JsonNode v : get("/jobs/" + id).path("vertices")) {
            if (v.path("name").asText().contains(nameFragment)) {
              states.add(ExecutionState.valueOf(v.path("status").asText()));
            }
          }
          return states;
        } catch (IOException e) {
          return List.of();
        }
      }

      @Override
      public String health(JobID id) throws InterruptedException {
        try {
          StringBuilder line = new StringBuilder("job ").append(get("/jobs/" + id).path("state").asText());
          JsonNode counts = get("/jobs/" + id + "/checkpoints").path("counts");
          line.append(", checkpoints completed ").append(counts.path("completed").asLong())
              .append(" failed ").append(counts.path("failed").asLong())
              .append(" in progress ").append(counts.path("in_progress").asLong());
          JsonNode latest = get("/jobs/" + id + "/exceptions").path("exceptionHistory").path("entries").path(0);
          if (!latest.isMissingNode()) {
            line.append(", latest failure: ").append(firstLines(latest.path("stacktrace").asText()));
          }
          return line.toString();
        } catch (IOException e) {
          return "job status unknown: " + e.getMessage();
        }
      }
    }
    return new Rest();
  }

  private static String firstLines(String trace) {
    return trace.lines().limit(3).reduce((a, b) -> a + " | " + b).orElse("");
  }
}
