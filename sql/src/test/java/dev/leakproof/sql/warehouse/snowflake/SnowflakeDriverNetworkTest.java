package dev.leakproof.sql.warehouse.snowflake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.sql.profile.SnowflakeProfiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the real Snowflake driver up to the network, in a child JVM inside a loopback-only network
 * namespace ({@code unshare -n}, root only): the driver must get as far as a refused TCP connection
 * to 127.0.0.1, which shows the profile became a URL and properties the driver accepts. This JVM
 * never opens a Snowflake connection.
 */
class SnowflakeDriverNetworkTest {

  private static final String PASSWORD_ENV = "SNOWFLAKE_PASSWORD";

  @TempDir Path project;

  @Test
  void theDriverFailsOnTheRefusedConnectionNotOnConfiguration() throws Exception {
    Assumptions.assumeTrue(canUnshareNetwork(),
        "needs root for `unshare -n` (a loopback-only network namespace) and `ip`; "
            + "the Snowflake driver is never started outside one");
    int port = freeLoopbackPort();
    SnowflakeProfiles.write(project, "probe", Map.of("host", "127.0.0.1", "port", Integer.toString(port),
        "connect_timeout", "1"));
    Path home = Files.createDirectories(project.resolve("home"));

    ProcessBuilder child = new ProcessBuilder("unshare", "-n", "sh", "-c",
        "ip link set lo up && exec \"$PROBE_JAVA\" -Duser.home=\"$HOME\" -Djava.io.tmpdir=\"$HOME\" "
            + "-cp \"$PROBE_CP\" " + ConnectProbe.class.getName() + " \"$1\"",
        "sh", project.toString());
    Map<String, String> env = child.environment();
    env.remove("DBT_PROFILES_DIR");
    env.put("HOME", home.toString());
    env.put(PASSWORD_ENV, SnowflakeProfiles.PASSWORD);
    env.put("PROBE_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    env.put("PROBE_CP", System.getProperty("java.class.path"));
    Path log = project.resolve("probe.log");
    child.redirectErrorStream(true).redirectOutput(log.toFile());

    Process process = child.start();
    boolean exited = process.waitFor(90, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly().waitFor();
    }
    String output = Files.readString(log);

    assertThat(exited).as("probe finished within 90 s; output:%n%s", output).isTrue();
    assertThat(process.exitValue()).as("probe exit code; output:%n%s", output).isZero();
    String failed = output.lines().filter(l -> l.startsWith("FAILED ")).findFirst().orElse("");
    assertThat(failed).as("output:%n%s", output)
        // 58030 / 200015: the driver's NETWORK_ERROR, raised once the login request's retries ran out
        .startsWith("FAILED class=java.sql.SQLException sqlstate=58030 code=200015 ")
        .contains("message=Cannot connect to Snowflake target probe at 127.0.0.1:" + port + ": JDBC driver "
            + "encountered communication error.")
        .contains("Connect to 127.0.0.1:" + port + " [/127.0.0.1] failed: Connection refused");
    assertThat(output).contains("CAUSE java.net.ConnectException: Connection refused");
    assertThat(output).contains("password=****").doesNotContain(SnowflakeProfiles.PASSWORD)
        .doesNotContain("Invalid ").doesNotContain("Missing key");
  }

  private static boolean canUnshareNetwork() {
    try {
      Process p = new ProcessBuilder(List.of("unshare", "-n", "sh", "-c", "ip link set lo up"))
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static int freeLoopbackPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
