package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.cli.CliTestSupport.Out;
import dev.leakproof.pipelines.testutils.TestBroker;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code leakproof kafka start|status|stop}: a broker that outlives the command that started it. */
class KafkaCommandIT {

  @TempDir
  Path tmp;

  @Test
  void startsABrokerProcessWithTheTopicsReportsItAndStopsIt() throws Exception {
    String port = String.valueOf(TestBroker.freePort());
    String controller = String.valueOf(TestBroker.freePort());
    String[] where = {"--dir", tmp.resolve("kafka").toString(), "--port", port, "--controller-port", controller};
    try {
      Out start = run("start", where, "--partitions", "3");
      assertThat(start.code()).as(start.stderr()).isZero();
      assertThat(start.stdout()).startsWith("Kafka broker running on 127.0.0.1:" + port + " (pid ")
          .contains("topics {usage_events=3, seat_events=3}");
      Out again = run("start", where);
      assertThat(again.code()).isZero();
      Out status = run("status", where);
      assertThat(status.code()).isZero();
      assertThat(status.stdout()).contains("topics {usage_events=3, seat_events=3}");
    } finally {
      Out stop = run("stop", where);
      assertThat(stop.code()).isZero();
      assertThat(stop.stdout()).contains("stopped");
    }
    Out down = run("status", where);
    assertThat(down.code()).isEqualTo(3);
    assertThat(down.stdout()).contains("not running");
    Out bad = run("restart", where);
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.stderr()).contains("Invalid action: restart (start, stop or status)");
  }

  private Out run(String action, String[] where, String... more) throws Exception {
    String[] args = new String[2 + where.length + more.length];
    args[0] = "kafka";
    args[1] = action;
    System.arraycopy(where, 0, args, 2, where.length);
    System.arraycopy(more, 0, args, 2 + where.length, more.length);
    return CliTestSupport.process(tmp, Map.of(), 180, args);
  }
}
