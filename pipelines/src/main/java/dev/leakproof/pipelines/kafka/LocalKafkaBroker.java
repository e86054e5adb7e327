package dev.leakproof.pipelines.kafka;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one process) run as a separate
 * local process on 127.0.0.1 from the jars already on a class path: for the demo, the tests and a
 * one-box deployment. Its folder holds the configuration, the log directories, the process id
 * and the broker's own log; the broker outlives the process that started it until {@link #stop}.
 */
public final class LocalKafkaBroker {

  /** The broker's main class, in org.apache.kafka:kafka_2.13. */
  static final String MAIN = "kafka.Kafka";
  static final String STORAGE_TOOL = "kafka.tools.StorageTool";

  private final Path dir;
  private final int port;
  private final int controllerPort;
  private final String classpath;

  /**
   * @param dir the broker's folder (created when missing)
   * @param port the client listener on 127.0.0.1
   * @param controllerPort the KRaft controller listener on 127.0.0.1
   * @param classpath a class path holding kafka_2.13 and its dependencies
   */
  public LocalKafkaBroker(Path dir, int port, int controllerPort, String classpath) {
    if (port < 1 || port > 65535 || controllerPort < 1 || controllerPort > 65535 || port == controllerPort) {
      throw new IllegalArgumentException("Invalid broker ports: " + port + " and " + controllerPort
          + " (two different ports in 1..65535)");
    }
    if (classpath == null || classpath.isBlank()) {
      throw new IllegalArgumentException("Cannot start a Kafka broker: no class path given");
    }
    this.dir = dir.toAbsolutePath().normalize();
    this.port = port;
    this.controllerPort = controllerPort;
    this.classpath = classpath;
  }

  /** The address clients connect to. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  public Path dir() {
    return dir;
  }

  /** What {@link #status()} found: the process (if any) and whether the listener answers. */
  public record Status(Optional<Long> pid, boolean listening, String bootstrapServers) {
    public boolean running() {
      return pid.isPresent() && listening;
    }
  }

  /** The broker's process, if its pid file names a live process. */
  public Optional<ProcessHandle> process() {
    Path pidFile = dir.resolve("broker.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    try {
      long pid = Long.parseLong(Files.readString(pidFile).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  public Status status() {
    return new Status(process().map(ProcessHandle::pid), listening(port), bootstrapServers());
  }

  /**
   * Formats the log directories on first use and starts the broker, returning once its listener
   * accepts connections. Starting a broker that already runs from this folder does nothing.
   *
   * @throws IOException if the port is taken by another process, formatting fails, or the
   *     broker does not listen within {@code timeout} (its log is named in the message)
   */
  public Status start(Duration timeout) throws IOException, InterruptedException {
    Optional<ProcessHandle> running = process();
    if (running.isPresent()) {
      awaitListening(running.get(), timeout);
      return status();
    }
    if (listening(port)) {
      throw new IOException("Cannot start a Kafka broker on 127.0.0.1:" + port + ": the port is in use by another process");
    }
    Files.createDirectories(dir);
    Path properties = writeProperties();
    writeLogConfig();
    if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
      format(properties);
    }
    Path log = dir.resolve("broker.log");
    List<String> command = javaCommand("-Xms256m", "-Xmx768m");
    command.add(MAIN);
    command.add(properties.toString());
    Process process = new ProcessBuilder(command)
        .directory(dir.toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    Files.writeString(dir.resolve("broker.pid"), process.pid() + "\n");
    awaitListening(process.toHandle(), timeout);
    return status();
  }

  /**
   * Stops the broker: SIGTERM for a controlled shutdown, then SIGKILL after {@code grace}.
   *
   * @return true if a broker was running
   */
  public boolean stop(Duration grace) throws InterruptedException {
    Optional<ProcessHandle> running = process();
    if (running.isEmpty()) {
      return false;
    }
    ProcessHandle p = running.get();
    p.destroy();
    try {
      p.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      p.destroyForcibly();
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e2) {
        // the kernel reaps it; nothing more can be done from here
      }
    }
    try {
      Files.deleteIfExists(dir.resolve("broker.pid"));
    } catch (IOException e) {
      // a stale pid file names a dead process and is ignored by process()
    }
    return true;
  }

  /** Kills the broker at once (SIGKILL), as a crash would: for the tests of what survives one. */
  public boolean kill() throws InterruptedException {
    Optional<ProcessHandle> running = process();
    running.ifPresent(ProcessHandle::destroyForcibly);
    if (running.isPresent()) {
      try {
        running.get().onExit().get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
        // reaped later
      }
    }
    return running.isPresent();
  }

  private void format(Path properties) throws IOException, InterruptedException {
    List<String> command = javaCommand("-Xmx256m");
    command.add(STORAGE_TOOL);
    command.addAll(List.of("format", "-t", clusterId(), "-c", properties.toString(), "--ignore-formatted"));
    Path log = dir.resolve("format.log");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("Cannot format the Kafka log directories in " + dir + ": timed out (see " + log + ")");
    }
    if (p.exitValue() != 0) {
      throw new IOException("Cannot format the Kafka log directories in " + dir + ": exit " + p.exitValue() + ": "
          + lastLine(log));
    }
  }

  /**
   * A KRaft cluster id: 16 random bytes, URL-safe base64 without padding, as kafka-storage
   * random-uuid makes them, and like Kafka's own never starting with '-' (kafka-storage's argument
   * parser would take such an id for an option: "argument --cluster-id/-t: expected one argument").
   */
  static String clusterId() {
    while (true) {
      UUID u = UUID.randomUUID();
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16);
      b.putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
      String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
      if (!id.startsWith("-")) {
        return id;
      }
    }
  }

  private List<String> javaCommand(String... jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmOptions));
    command.add("-XX:+UseG1GC");
    command.add("-Djava.awt.headless=true");
    command.add("-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties").toUri());
    command.add("-Dlog4j.configurationFile=" + dir.resolve("log4j2.properties").toUri());
    command.add("-cp");
    command.add(classpath);
    return command;
  }

  private Path writeProperties() throws IOException {
    String p = String.join("\n",
        "# written by Leakproof: a one-node KRaft broker on loopback",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + dir.resolve("data"),
        "num.partitions=4",
        "auto.create.topics.enable=false",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=8",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "transaction.state.log.num.partitions=8",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "transaction.max.timeout.ms=900000",
        "log.retention.hours=168",
        "log.segment.bytes=268435456",
        "message.max.bytes=2097152",
        "num.network.threads=2",
        "num.io.threads=4",
        "");
    Path file = dir.resolve("server.properties");
    Files.writeString(file, p, StandardCharsets.UTF_8);
    return file;
  }

  private void writeLogConfig() throws IOException {
    String c = String.join("\n",
        "status = error",
        "appender.file.type = File",
        "appender.file.name = file",
        "appender.file.fileName = " + dir.resolve("server.log"),
        "appender.file.layout.type = PatternLayout",
        "appender.file.layout.pattern = [%d] %p %m (%c)%n",
        "rootLogger.level = INFO",
        "rootLogger.appenderRef.file.ref = file",
        "logger.kafka.name = kafka",
        "logger.kafka.level = INFO",
        "logger.state.name = state.change.logger",
        "logger.state.level = WARN",
        "");
    Files.writeString(dir.resolve("log4j2.properties"), c, StandardCharsets.UTF_8);
  }

  private void awaitListening(ProcessHandle process, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("Cannot start the Kafka broker in " + dir + ": it exited: "
            + lastLine(dir.resolve("broker.log")) + " (see " + dir.resolve("server.log") + ")");
      }
      if (listening(port)) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IOException("Cannot start the Kafka broker in " + dir + ": not listening on 127.0.0.1:" + port
        + " after " + timeout.toSeconds() + " s (see " + dir.resolve("server.log") + ")");
  }

  static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String lastLine(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          return lines.get(i).strip();
        }
      }
    } catch (IOException e) {
      // fall through
    }
    return "(no output)";
  }
}
