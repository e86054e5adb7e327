package dev.leakproof.pipelines.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The broker's KRaft cluster ids: one in 64 random ids would start with '-', which kafka-storage
 * takes for an option (the broker then never formats its storage).
 */
class ClusterIdTest {

  @Test
  void idsAreKafkaShapedAndNeverStartWithADash() {
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      String id = LocalKafkaBroker.clusterId();
      assertThat(id).hasSize(22).matches("[A-Za-z0-9_][A-Za-z0-9_-]{21}");
      ids.add(id);
    }
    assertThat(ids).hasSize(10_000);
  }
}
