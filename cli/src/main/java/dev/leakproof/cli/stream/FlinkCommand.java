package dev.leakproof.cli.stream;

import dev.leakproof.cli.support.UsageException;
import dev.leakproof.pipelines.cluster.ClusterSettings;
import dev.leakproof.pipelines.cluster.FlinkSessionCluster;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.MemorySize;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leakproof flink start|stop|status}: a local Flink standalone session cluster of separate processes. */
@Command(name = "flink", mixinStandardHelpOptions = true,
    description = {"Runs a Flink standalone session cluster as separate local processes on 127.0.0.1: one "
        + "JobManager and --taskmanagers TaskManagers, on the Flink class path the build recorded (servers/flink), "
        + "with config.yaml, logs and pid files in DIR.",
        "start: starts the processes in the background, waits until every TaskManager registered and prints the "
            + "REST address for `leakproof stream --flink-rest URL --parallelism N` (which submits the job jar). "
            + "stop: SIGTERM to every process, SIGKILL after 15 s. status: the REST address when it runs.",
        "A job on the cluster keeps its checkpoints where `stream --work-dir` says: every process must reach that "
            + "folder (on a real cluster: s3:// with Flink's S3 filesystem plugin)."},
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:done (status: the cluster runs)", "1:failed", "2:unusable arguments", "3:status: not running"})
public final class FlinkCommand implements Callable<Integer> {

  @Parameters(paramLabel = "ACTION", description = "start, stop or status")
  String action;

  @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".leakproof/flink",
      description = "The cluster's folder: conf/config.yaml, log/, pids/ (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--taskmanagers", paramLabel = "N", defaultValue = "2",
      description = "TaskManager processes (default: ${DEFAULT-VALUE}).")
  int taskManagers;

  @Option(names = "--slots", paramLabel = "N", defaultValue = "1",
      description = "Task slots per TaskManager (default: ${DEFAULT-VALUE}).")
  int slots;

  @Option(names = "--taskmanager-memory", paramLabel = "SIZE", defaultValue = "1536m",
      description = "Each TaskManager's whole process (default: ${DEFAULT-VALUE}).")
  String taskManagerMemory;

  @Override
  public Integer call() throws Exception {
    switch (action.toLowerCase(Locale.ROOT)) {
      case "start" -> {
        ClusterSettings settings;
        try {
          settings = new ClusterSettings(taskManagers, slots, MemorySize.parse("1g"),
              MemorySize.parse(taskManagerMemory));
        } catch (IllegalArgumentException e) {
          throw new UsageException(e.getMessage());
        }
        FlinkSessionCluster cluster = FlinkSessionCluster.start(dir, settings);
        cluster.detach();
        System.out.printf(Locale.ROOT, "Flink session cluster running at %s (%d TaskManagers of %d slots, pids %s; "
            + "logs in %s)%n", cluster.restUrl(), taskManagers, slots, cluster.taskManagerPids(),
            cluster.dir().resolve("log"));
        System.out.printf(Locale.ROOT, "Submit the stream job: leakproof stream --flink-rest %s --parallelism %d ...%n",
            cluster.restUrl(), taskManagers * slots);
        return 0;
      }
      case "stop" -> {
        int stopped = FlinkSessionCluster.stop(dir);
        System.out.println(stopped > 0 ? "Flink cluster in " + dir.toAbsolutePath().normalize() + " stopped ("
            + stopped + " processes)" : "No Flink cluster runs from " + dir.toAbsolutePath().normalize());
        return 0;
      }
      case "status" -> {
        Optional<String> url = FlinkSessionCluster.restUrl(dir);
        System.out.println(url.map(u -> "Flink cluster running at " + u)
            .orElse("Flink cluster in " + dir.toAbsolutePath().normalize() + ": not running"));
        return url.isPresent() ? 0 : 3;
      }
      default -> throw new UsageException("Invalid action: " + action + " (start, stop or status)");
    }
  }
}
