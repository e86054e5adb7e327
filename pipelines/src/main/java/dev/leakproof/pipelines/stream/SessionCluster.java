package dev.leakproof.pipelines.stream;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A Flink session cluster to submit a job to, validated on construction.
 *
 * @param restUrl the JobManager's REST API, {@code http://HOST:PORT}
 * @param jobJar the job jar ({@code leakproof-flink-job}) uploaded with the job: the classes the
 *     cluster's class path lacks (pipelines, the Kafka connector, Iceberg, Hadoop's client)
 */
public record SessionCluster(URI restUrl, Path jobJar) {

  public SessionCluster {
    if (restUrl == null || !"http".equals(restUrl.getScheme()) || restUrl.getHost() == null || restUrl.getPort() < 1) {
      throw new IllegalArgumentException("Invalid Flink REST address: " + restUrl + " (http://HOST:PORT)");
    }
    if (jobJar == null || !Files.isRegularFile(jobJar)) {
      throw new IllegalArgumentException("Cannot submit to Flink: no job jar at " + jobJar
          + " (build the flink-job module: mvn -B package -DskipTests)");
    }
    jobJar = jobJar.toAbsolutePath().normalize();
  }

  /** Parses {@code http://HOST:PORT}. */
  public static SessionCluster of(String restUrl, Path jobJar) {
    URI uri;
    try {
      uri = URI.create(restUrl.strip().replaceAll("/+$", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid Flink REST address: " + restUrl + " (http://HOST:PORT)", e);
    }
    return new SessionCluster(uri, jobJar);
  }
}
