package dev.leakproof.pipelines.cluster;

import dev.leakproof.pipelines.servers.LoopbackPorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;

/**
 * The files and arguments of a {@link FlinkSessionCluster}: its {@code config.yaml} (every address
 * 127.0.0.1, free ports), its log4j configuration, and each process's JVM options and dynamic
 * properties, computed by Flink's own memory model as its start scripts do.
 */
final class ClusterConfig {

  private ClusterConfig() {}

  /** The cluster's Flink configuration: the keys of its {@code config.yaml}. */
  static Configuration configuration(Path home, ClusterSettings settings) throws IOException {
    Map<String, String> c = new TreeMap<>();
    c.put("jobmanager.rpc.address", "127.0.0.1");
    c.put("jobmanager.rpc.port", String.valueOf(LoopbackPorts.free()));
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
    c.put("rest.port", String.valueOf(LoopbackPorts.free()));
    c.put("blob.server.port", "0");
    c.put("heartbeat.interval", "2 s");
    c.put("heartbeat.timeout", "10 s");
    c.put("io.tmp.dirs", home.resolve("tmp").toString());
    c.put("web.tmpdir", home.resolve("tmp").resolve("web").toString());
    c.put("restart-strategy.type", "exponential-delay");
    c.put("parallelism.default", "1");
    return Configuration.fromMap(c);
  }

  static void writeConfig(Path home, Configuration conf) throws IOException {
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

  static List<String> jobManagerArgs(Configuration conf) {
    JobManagerProcessSpec spec = JobManagerProcessUtils.processSpecFromConfig(conf);
    List<String> jvm = new ArrayList<>(split(JobManagerProcessUtils.generateJvmParametersStr(spec, conf)));
    jvm.add("--");
    jvm.addAll(split(JobManagerProcessUtils.generateDynamicConfigsStr(spec)));
    return jvm;
  }

  static List<String> taskManagerArgs(Configuration conf, int index) {
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

  static List<String> split(String s) {
    return s.isBlank() ? List.of() : List.of(s.trim().split("\\s+"));
  }

  /** The root pom's {@code flink.add-opens}, recorded by servers/flink as a resource. */
  static List<String> jvmOptions() {
    String resource = "META-INF/leakproof/servers/flink.jvm-options";
    try (InputStream in = ClusterConfig.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Cannot start a Flink cluster: " + resource
            + " is not on the class path (build servers/flink)");
      }
      return split(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }
}
