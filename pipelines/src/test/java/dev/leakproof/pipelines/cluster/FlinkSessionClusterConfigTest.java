package dev.leakproof.pipelines.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.pipelines.stream.SessionCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.flink.configuration.MemorySize;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local cluster's configuration keeps every process on loopback, and bad settings say which. */
class FlinkSessionClusterConfigTest {

  @TempDir Path dir;

  @Test
  void everyAddressIsLoopbackAndTheSizesAreTheSettings() throws Exception {
    Map<String, String> c = ClusterConfig.configuration(dir, new ClusterSettings(3, 2, MemorySize.parse("1g"),
        MemorySize.parse("2g"))).toMap();
    assertThat(c).containsEntry("jobmanager.rpc.address", "127.0.0.1").containsEntry("jobmanager.bind-host", "127.0.0.1")
        .containsEntry("taskmanager.host", "127.0.0.1").containsEntry("taskmanager.bind-host", "127.0.0.1")
        .containsEntry("rest.address", "127.0.0.1").containsEntry("rest.bind-address", "127.0.0.1")
        .containsEntry("taskmanager.numberOfTaskSlots", "2")
        .containsEntry("jobmanager.memory.process.size", "1073741824b")
        .containsEntry("taskmanager.memory.process.size", "2147483648b");
    assertThat(Integer.parseInt(c.get("rest.port"))).isBetween(1, 65535).isNotEqualTo(
        Integer.parseInt(c.get("jobmanager.rpc.port")));
  }

  @Test
  void badSettingsNameTheKeyAndValue() {
    assertThatThrownBy(() -> ClusterSettings.of(0)).hasMessage("Invalid number of TaskManagers: 0 (1..16)");
    assertThatThrownBy(() -> new ClusterSettings(1, 1, MemorySize.parse("1g"), MemorySize.parse("512m")))
        .hasMessage("Invalid taskmanager.memory.process.size: 512 mb (at least 768m)");
  }

  @Test
  void aSessionClusterNeedsAnHttpAddressAndAJobJar() throws Exception {
    Path jar = Files.writeString(dir.resolve("job.jar"), "x");
    assertThat(SessionCluster.of("http://127.0.0.1:8081/", jar).restUrl().getPort()).isEqualTo(8081);
    assertThatThrownBy(() -> SessionCluster.of("127.0.0.1:8081", jar))
        .hasMessage("Invalid Flink REST address: 127.0.0.1:8081 (http://HOST:PORT)");
    assertThatThrownBy(() -> SessionCluster.of("http://127.0.0.1:8081", dir.resolve("missing.jar")))
        .hasMessageStartingWith("Cannot submit to Flink: no job jar at ");
  }
}
