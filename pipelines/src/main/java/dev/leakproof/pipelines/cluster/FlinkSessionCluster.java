package dev.leakproof.pipelines.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakproof.pipelines.servers.ServerClasspath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

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
  private static final String MARKER = "-Dleakproof.flink.cluster=";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Configuration conf;
  private final String classpath;
  private final String restUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private Process jobManager;
  private final List<Process> taskManagers = new ArrayList<>();
  private Thread shutdownHook;

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
    Path home = dir.toAbsolutePath().normalize();
    if (!running(home).isEmpty()) {
      throw new IOException("Cannot start a Flink cluster in " + home + ": its processes still run (pids "
          + running(home) + "); stop it first");
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
    Configuration conf = configuration(home, settings);
    writeConfig(home, conf);
    FlinkSessionCluster cluster = new FlinkSessionCluster(home, conf, classpath);
    cluster.shutdownHook = new Thread(cluster::stopQuietly, "flink-cluster-stop");
    Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
    try {
      cluster.jobManager = cluster.launch("jobmanager", JOB_MANAGER_MAIN, cluster.jobManagerArgs());
      for (int i = 0; i < settings.taskManagers(); i++) {
        cluster.taskManagers.add(cluster.launch("taskmanager-" + i, TASK_MANAGER_MAIN, cluster.taskManagerArgs(i)));
      }
      Set<String> ids = new HashSet<>();
      for (int i = 0; i < settings.taskManagers(); i++) {
        ids.add(resourceId(i));
      }
      cluster.awaitRegistered(ids, Duration.ofSeconds(90));
      Files.writeString(home.resolve("rest-url"), cluster.restUrl + "\n");
      return cluster;
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.stopQuietly();
      throw e;
    }
  }

  /** The cluster's Flink configuration: the keys of its {@code config.yaml}. */
  static Configuration configuration(Path home, ClusterSettings settings) throws IOException {
    Map<String, String> c = new TreeMap<>();
    c.put("jobmanager.rpc.address", "127.0.0.1");
    c.put("jobmanager.rpc.port", String.valueOf(freePort()));
    c.put("jobmanager.bind-host", "127.0.0.1");
    c.put("jobmanager.memory.process.size", settings.jobManagerMemory().getBytes() + "b");
    c.put("taskmanager.host", "127.0.0.1");
    c.put("taskmanager.bind-host", "127.0.0.1");
    c.put("taskmanager.numberOfTaskSlots", String.valueOf(settings.slotsPerTaskManager()));
    c.put("taskmanager.memory.process.size", settings.taskManagerMemory().getBytes() + "b");
    // keyed state lives on the heap (hashmap) unless a job picks RocksDB: a small managed share
    c.put("taskmanager.memory.managed.fraction", "0.15");
    c.put("rest.address", "127.0.0.1");
    c.put("rest.bind-address", "127.0.0.1");
    c.put("rest.port", String.valueOf(freePort()));
    c.put("blob.server.port", "0");
    c.put("heartbeat.interval", "2 s");
    c.put("heartbeat.timeout", "10 s");
    c.put("io.tmp.dirs", home.resolve("tmp").toString());
    c.put("web.tmpdir", home.resolve("tmp").resolve("web").toString());
    c.put("restart-strategy.type", "exponential-delay");
    c.put("parallelism.default", "1");
    return Configuration.fromMap(c);
  }

  private static void writeConfig(Path home, Configuration conf) throws IOException {
    StringBuilder yaml = new StringBuilder("# written by Leakproof's FlinkSessionCluster\n");
    new TreeMap<>(conf.toMap()).forEach((k, v) -> yaml.append(k).append(": ").append(quote(v)).append('\n'));
    Files.writeString(home.resolve("conf").resolve("config.yaml"), yaml.toString());
    Files.writeString(home.resolve("conf").resolve("log4j.properties"), String.join("\n",
        "rootLogger.level = INFO",
        "rootLogger.appenderRef.file.ref = LogFile",
        "appender.file.name = LogFile",
        "appender.file.type = File",
        "appender.file.fileName = ${sys:log.file}",
        "appender.file.append = true",
        "appender.file.layout.type = PatternLayout",
        "appender.file.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %c{1.} [%t] - %m%n",
        "logger.kafka.name = org.apache.kafka",
        "logger.kafka.level = WARN",
        "logger.hadoop.name = org.apache.hadoop",
        "logger.hadoop.level = WARN",
        ""));
  }

  private static String quote(String value) {
    return value.matches("[A-Za-z0-9_./: -]+") && !value.contains(": ") ? value : "'" + value.replace("'", "''") + "'";
  }

  private List<String> jobManagerArgs() {
    JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(conf);
    List<String> jvm = new ArrayList<>(split(JobManagerProcessUtils.generateJvmParametersStr(spec, conf)));
    jvm.add("--");
    jvm.addAll(split(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
    return jvm;
  }

  private List<String> taskManagerArgs(int index) {
    TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(conf);
    List<String> args = new ArrayList<>(split(ProcessMemoryUtils.generateJvmParametersStr(spec)));
    args.add("--");
    // TaskManagerRunner reads its memory components from dynamic properties, as the scripts pass them
    args.addAll(split(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
    args.add("-D");
    args.add("taskmanager.resource-id=" + resourceId(index));
    return args;
  }

  static String resourceId(int index) {
    return "taskmanager-" + index;
  }

  private static List<String> split(String s) {
    return s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
  }

  /**
   * Starts one process: {@code args} holds its JVM options, {@code --}, then its program arguments
   * after {@code --configDir}.
   */
  private Process launch(String name, String main, List<String> args) throws IOException {
    int split = args.indexOf("--");
    List<String> command = new ArrayList<>();
    command.add(ServerClasspath.javaCommand());
    command.add(MARKER + dir); // first: how stop(Path) knows the process is this cluster's
    command.addAll(args.subList(0, split));
    command.addAll(jvmOptions());
    command.add("-Duser.timezone=UTC");
    command.add("-Dlog.file=" + dir.resolve("log").resolve(name + ".log"));
    command.add("-Dlog4j.configurationFile=" + dir.resolve("conf").resolve("log4j.properties").toUri());
    command.add("-cp");
    command.add(classpath);
    command.add(main);
    command.add("--configDir");
    command.add(dir.resolve("conf").toString());
    command.addAll(args.subList(split + 1, args.size()));
    Process process = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log").resolve(name + ".out").toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    Files.writeString(dir.resolve("pids").resolve(name + ".pid"), process.pid() + "\n");
    return process;
  }

  /** The root pom's {@code flink.add-opens}, recorded by servers/flink as a resource. */
  private static List<String> jvmOptions() {
    String resource = "META-INF/leakproof/servers/flink.jvm-options";
    try (InputStream in = FlinkSessionCluster.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Cannot start a Flink cluster: " + resource
            + " is not on the class path (build servers/flink)");
      }
      return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
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
    Files.deleteIfExists(dir.resolve("pids").resolve(resourceId(index) + ".pid"));
  }

  /**
   * Starts one more TaskManager, returning its index once it registered with the JobManager.
   *
   * @throws IOException if it does not register within 60 s
   */
  public int startTaskManager() throws IOException, InterruptedException {
    int index = taskManagers.size();
    taskManagers.add(launch(resourceId(index), TASK_MANAGER_MAIN, taskManagerArgs(index)));
    awaitRegistered(Set.of(resourceId(index)), Duration.ofSeconds(60));
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
    terminate(all);
    deletePidFiles(dir);
  }

  /**
   * Stops the cluster started in {@code dir} by another process, through its pid files.
   *
   * @return how many processes were stopped (0: none ran)
   */
  public static int stop(Path dir) {
    Path home = dir.toAbsolutePath().normalize();
    List<ProcessHandle> all = running(home);
    // TaskManagers before the JobManager, so none of them retries a gone JobManager for long
    all.sort((a, b) -> Boolean.compare(isJobManager(a), isJobManager(b)));
    terminate(all);
    deletePidFiles(home);
    return all.size();
  }

  /** The REST address of the cluster started in {@code dir}, if it is running. */
  public static Optional<String> restUrl(Path dir) throws IOException {
    Path home = dir.toAbsolutePath().normalize();
    Path file = home.resolve("rest-url");
    if (running(home).isEmpty() || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(Files.readString(file).trim());
  }

  /** The live processes whose pid files are in {@code home} and whose command line names it. */
  static List<ProcessHandle> running(Path home) {
    Path pids = home.resolve("pids");
    List<ProcessHandle> out = new ArrayList<>();
    if (!Files.isDirectory(pids)) {
      return out;
    }
    try (Stream<Path> files = Files.list(pids)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".pid")).toList()) {
        try {
          long pid = Long.parseLong(Files.readString(f).trim());
          ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
              .filter(h -> List.of(commandLine(h).split("\0")).contains(MARKER + home))
              .ifPresent(out::add);
        } catch (NumberFormatException | IOException e) {
          // a pid file being written or removed: not a process of ours
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the pid files in " + pids, e);
    }
    return out;
  }

  private static boolean isJobManager(ProcessHandle h) {
    return List.of(commandLine(h).split("\0")).contains(JOB_MANAGER_MAIN);
  }

  /**
   * A process's command line, its arguments separated by NUL: from /proc (the JDK's
   * {@code ProcessHandle.Info} gives no arguments for a command line over 4 KB, and a Flink class
   * path is longer), else the JDK's possibly truncated view.
   */
  private static String commandLine(ProcessHandle h) {
    Path proc = Path.of("/proc", String.valueOf(h.pid()), "cmdline");
    try {
      return new String(Files.readAllBytes(proc), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return h.info().commandLine().orElse("").replace(' ', '\0');
    }
  }

  /** SIGTERM (Flink shuts down in order), then SIGKILL for whatever still runs after 15 s. */
  private static void terminate(List<ProcessHandle> processes) {
    processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    for (ProcessHandle h : processes) {
      try {
        h.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        h.destroyForcibly();
      }
    }
  }

  private static void deletePidFiles(Path home) {
    try (Stream<Path> files = Files.list(home.resolve("pids"))) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      // nothing to clean
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
