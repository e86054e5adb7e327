package dev.leakproof.pipelines.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakproof.pipelines.servers.ServerClasspath;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;

/**
 * A Flink standalone session cluster of separate local processes on 127.0.0.1: one JobManager and
 * TaskManagers, started from the class path of {@code servers/flink} (what a distribution's lib/
 * holds) with a generated {@code config.yaml}, each with its log and pid file in the cluster's
 * folder. Jobs arrive over the REST API with their jar ({@code leakproof-flink-job}).
 *
 * <p>The processes' JVM sizes come from Flink's own memory model, as its start scripts compute them:
 * a TaskManager started without the scripts needs its memory components as dynamic properties.
 * Heartbeats are tighter than Flink's defaults (2 s, lost after 10 s) so a killed TaskManager is
 * noticed in seconds. The processes stop with {@link #stop}, or at the latest when the JVM that
 * started them exits, unless it {@link #detach detached} them; {@link #stop(Path)} stops a cluster
 * another process started, through its pid files.
 */
public final class FlinkSessionCluster implements AutoCloseable {

  static final String JOB_MANAGER_MAIN = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
  static final String TASK_MANAGER_MAIN = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Configuration conf;
  private final String classpath;
  private final String restUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process jobManager;
  private final List<Process> taskManagers = new ArrayList<>();
  private Thread shutdownHook;
  private Map<String, String> environment = Map.of();

  private FlinkSessionCluster(Path dir, Configuration conf, String classpath) {
    this.dir = dir;
    this.conf = conf;
    this.classpath = classpath;
    this.restUrl = "http://127.0.0.1:" + conf.toMap().get("rest.port");
  }

  /** Starts {@code taskManagers} one-slot TaskManagers of 1.5 GB and a 1 GB JobManager in {@code dir}. */
  public static FlinkSessionCluster start(Path dir, int taskManagers) throws IOException, InterruptedException {
    return start(dir, ClusterSettings.of(taskManagers));
  }

  /**
   * Writes the configuration into {@code dir} (created when missing) and starts the processes,
   * returning once the REST API answers and every TaskManager registered.
   *
   * @throws IOException if a cluster started from {@code dir} still runs, or the cluster is not up
   *     within 90 s (the message names the log to read)
   */
  public static FlinkSessionCluster start(Path dir, ClusterSettings settings) throws IOException, InterruptedException {
    return start(dir, settings, Map.of());
  }

  /**
   * As {@link #start(Path, ClusterSettings)}, with {@code environment} added to every process's
   * environment (this one's): how the processes get what a deployment gives them there, such as
   * the object store's credentials ({@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY}), which
   * never enter Flink's configuration or a log.
   */
  public static FlinkSessionCluster start(Path dir, ClusterSettings settings, Map<String, String> environment)
      throws IOException, InterruptedException {
    Path home = dir.toAbsolutePath().normalize();
    if (!ClusterProcesses.running(home).isEmpty()) {
      throw new IOException("Cannot start a Flink cluster in " + home + ": its processes still run (pids "
          + ClusterProcesses.running(home) + "); stop it first");
    }
    String classpath = ServerClasspath.of("flink");
    Files.createDirectories(home.resolve("conf"));
    Files.createDirectories(home.resolve("log"));
    Files.createDirectories(home.resolve("pids"));
    Files.createDirectories(home.resolve("tmp"));
    try (Stream<Path> old = Files.list(home.resolve("pids"))) {
      for (Path p : old.toList()) {
        Files.delete(p);
      }
    }
    Configuration conf = ClusterConfig.configuration(home, settings);
    ClusterConfig.writeConfig(home, conf);
    FlinkSessionCluster cluster = new FlinkSessionCluster(home, conf, classpath);
    cluster.environment = Map.copyOf(environment);
    cluster.shutdownHook = new Thread(cluster::stopQuietly, "flink-cluster-stop");
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      cluster.jobManager = cluster.launch("jobmanager", JOB_MANAGER_MAIN, ClusterConfig.jobManagerArgs(conf));
      for (int i = 0; i < settings.taskManagers(); i++) {
        cluster.taskManagers.add(cluster.launch(ClusterConfig.resourceId(i), TASK_MANAGER_MAIN,
            ClusterConfig.taskManagerArgs(conf, i)));
      }
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < settings.taskManagers(); i++) {
        ids.add(ClusterConfig.resourceId(i));
      }
      cluster.awaitRegistered(ids, Duration.ofSeconds(90));
      Files.writeString(home.resolve("rest-url"), cluster.restUrl + "\n");
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.stopQuietly();
      throw e;
    }
  }

  /**
   * Starts one process: {@code args} holds its JVM options, {@code --}, then its program arguments
   * after {@code --configDir}.
   */
  private Process launch(String name, String main, List<String> args) throws IOException {
    int split = args.indexOf("--");
    List<String> command = new ArrayList<>();
    command.add(ServerClasspath.javaCommand());
    command.add(ClusterProcesses.MARKER + dir); // first: how stop(Path) knows the process is this cluster's
    command.addAll(args.subList(0, split));
    command.addAll(ClusterConfig.jvmOptions());
    command.add("-Duser.timezone=UTC");
    command.add("-Dlog.file=" + dir.resolve("log").resolve(name + ".log"));
    command.add("-Dlog4j.configurationFile=" + dir.resolve("conf").resolve("log4j.properties").toUri());
    command.add("-cp");
    command.add(classpath);
    command.add(main);
    command.add("--configDir");
    command.add(dir.resolve("conf").toString());
    command.addAll(args.subList(split + 1, args.size()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().putAll(environment);
    Process process = builder
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log").resolve(name + ".out").toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    Files.writeString(dir.resolve("pids").resolve(name + ".pid"), process.pid() + "\n");
    return process;
  }

  private void awaitRegistered(Set<String> ids, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!jobManager.isAlive()) {
        throw new IOException("The Flink JobManager exited with code " + jobManager.exitValue() + ": see "
            + dir.resolve("log").resolve("jobmanager.log") + " and jobmanager.out");
      }
      Set<String> registered = registeredTaskManagers();
      if (registered.containsAll(ids)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("The Flink cluster in " + dir + " is not up after " + timeout.toSeconds() + " s: "
            + "TaskManagers registered " + registered + " of " + ids + "; see the logs in " + dir.resolve("log"));
      }
      Thread.sleep(250);
    }
  }

  /** The resource ids of the TaskManagers the JobManager knows (empty while its REST API is not up). */
  public Set<String> registeredTaskManagers() throws InterruptedException {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(restUrl + "/taskmanagers"))
          .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return Set.of();
      }
      Set<String> ids = new HashSet<>();
      for (JsonNode tm : JSON.readTree(r.body()).path("taskmanagers")) {
        ids.add(tm.path("id").asText());
      }
      return ids;
    } catch (IOException e) {
      return Set.of();
    }
  }

  /** The REST API's address, {@code http://127.0.0.1:PORT}: where jobs are submitted. */
  public String restUrl() {
    return restUrl;
  }

  public Path dir() {
    return dir;
  }

  /** The process ids of the TaskManagers alive now, in the order they were started. */
  public List<Long> taskManagerPids() {
    return taskManagers.stream().filter(Process::isAlive).map(Process::pid).toList();
  }

  /**
   * Kills TaskManager {@code index} (in the order started, from 0) with SIGKILL, as a machine
   * failure would: no shutdown, no goodbye to the JobManager.
   */
  public void killTaskManager(int index) throws InterruptedException, IOException {
    if (index < 0 || index >= taskManagers.size()) {
      throw new IllegalArgumentException("Invalid TaskManager: " + index + " (0.." + (taskManagers.size() - 1) + ")");
    }
    Process p = taskManagers.get(index);
    p.destroyForcibly();
    p.waitFor(30, TimeUnit.SECONDS);
    Files.deleteIfExists(dir.resolve("pids").resolve(ClusterConfig.resourceId(index) + ".pid"));
  }

  /**
   * Starts one more TaskManager, returning its index once it registered with the JobManager.
   *
   * @throws IOException if it does not register within 60 s
   */
  public int startTaskManager() throws IOException, InterruptedException {
    int index = taskManagers.size();
    taskManagers.add(launch(ClusterConfig.resourceId(index), TASK_MANAGER_MAIN,
        ClusterConfig.taskManagerArgs(conf, index)));
    awaitRegistered(Set.of(ClusterConfig.resourceId(index)), Duration.ofSeconds(60));
    return index;
  }

  /**
   * Lets the processes outlive this JVM (a command that starts the cluster in the background);
   * {@link #stop(Path)} stops them later.
   */
  public void detach() {
    if (shutdownHook != null) {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
      shutdownHook = null;
    }
  }

  /** Stops every process of the cluster: TaskManagers first, then the JobManager. */
  public void stop() {
    stopQuietly();
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is exiting already
      }
      shutdownHook = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  private void stopQuietly() {
    List<ProcessHandle> all = new ArrayList<>();
    taskManagers.forEach(p -> all.add(p.toHandle()));
    if (jobManager != null) {
      all.add(jobManager.toHandle());
    }
    ClusterProcesses.terminate(all);
    ClusterProcesses.deletePidFiles(dir);
  }

  /**
   * Stops the cluster started in {@code dir} by another process, through its pid files.
   *
   * @return how many processes were stopped (0: none ran)
   */
  public static int stop(Path dir) {
    Path home = dir.toAbsolutePath().normalize();
    List<ProcessHandle> all = ClusterProcesses.running(home);
    // TaskManagers before the JobManager, so none of them retries a gone JobManager for long
    all.sort((a, b) -> Boolean.compare(ClusterProcesses.isJobManager(a), ClusterProcesses.isJobManager(b)));
    ClusterProcesses.terminate(all);
    ClusterProcesses.deletePidFiles(home);
    return all.size();
  }

  /** The REST address of the cluster started in {@code dir}, if it is running. */
  public static Optional<String> restUrl(Path dir) throws IOException {
    Path home = dir.toAbsolutePath().normalize();
    Path file = home.resolve("rest-url");
    if (ClusterProcesses.running(home).isEmpty() || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(Files.readString(file).trim());
  }

}