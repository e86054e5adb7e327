package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.cli.CliTestSupport.Out;
import dev.leakproof.pipelines.lake.Lake;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lake load -t NAME}: the lake's commits into a profiles.yml output. A DuckDB output gets the
 * rows as {@code --warehouse} does; a Snowflake output runs the real driver up to the network, in a
 * child JVM inside a loopback-only network namespace ({@code unshare -n}), and a lake Snowflake
 * cannot read is refused before any connection is opened.
 */
class LakeToSnowflakeIT {

  private static final String PASSWORD = "Tr0ub4dor&3-never-print-me";

  @TempDir Path tmp;

  @Test
  void aDuckDbOutputOfProfilesYmlGetsTheLakesRows() throws Exception {
    Path data = CliTestSupport.copySample(tmp.resolve("data"));
    Path work = tmp.resolve("work");
    Out ingest = CliTestSupport.process(tmp, Map.of(), 300, "ingest", "--dataset", data.toString(), "--as-of",
        "2026-06-15", "--work-dir", work.toString());
    assertThat(ingest.code()).as(ingest.stdout() + ingest.stderr()).isZero();
    Path target = tmp.resolve("target.duckdb");
    Files.writeString(tmp.resolve("profiles.yml"), "leakproof:\n  target: dev\n  outputs:\n    dev:\n"
        + "      type: duckdb\n      path: '" + target + "'\n      schema: main\n      threads: 1\n");
    Out load = CliTestSupport.process(tmp, Map.of(), 300, "lake", "--work-dir", work.toString(), "load", "-t", "dev",
        "--profiles-dir", tmp.toString());
    assertThat(load.code()).as(load.stdout() + load.stderr()).isZero();
    assertThat(load.stdout()).contains("usage_events      (from the start) 13,169 rows from 1 commits");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + target); Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*), count(DISTINCT _lake_snapshot_id) FROM raw.usage_events")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(13_169);
      assertThat(rs.getLong(2)).isEqualTo(1);
    }
    Out both = CliTestSupport.process(tmp, Map.of(), 120, "lake", "--work-dir", work.toString(), "load", "-t", "dev",
        "--profiles-dir", tmp.toString(), "--warehouse", target.toString());
    assertThat(both.code()).isNotZero();
    assertThat(both.stderr()).contains("Invalid options: --warehouse and --target name two warehouses; give one");
  }

  @Test
  void aSnowflakeOutputGetsAsFarAsTheNetworkAndAFolderLakeIsRefusedFirst() throws Exception {
    Assumptions.assumeTrue(canUnshareNetwork(),
        "needs root for `unshare -n` (a loopback-only network namespace); the Snowflake driver is never started "
            + "outside one");
    Path work = tmp.resolve("work");
    new Lake(work.resolve("lake")).ensureAll();
    int port = freeLoopbackPort();
    Files.writeString(tmp.resolve("profiles.yml"), "leakproof:\n  target: probe\n  outputs:\n    probe:\n"
        + "      type: snowflake\n      account: myorg-leakproof\n      user: LOADER\n"
        + "      password: \"{{ env_var('SNOWFLAKE_PASSWORD') }}\"\n      role: LOADER\n      warehouse: LOADING\n"
        + "      database: ANALYTICS\n      schema: LEAKPROOF\n      host: 127.0.0.1\n      port: " + port + "\n"
        + "      connect_timeout: 1\n      threads: 1\n");

    Out folder = inNamespace("lake", "--work-dir", work.toString(), "load", "-t", "probe", "--profiles-dir",
        tmp.toString());
    assertThat(folder.code()).isNotZero();
    assertThat(folder.stderr()).contains("Cannot load the lake into Snowflake: the lake is at file:")
        .contains("which Snowflake cannot read").doesNotContain("Cannot connect");

    Out s3 = inNamespace("lake", "--work-dir", work.toString(), "load", "-t", "probe", "--profiles-dir",
        tmp.toString(), "--stage-url", "s3://acme-lake/leakproof/", "--storage-integration", "LAKE_S3");
    assertThat(s3.code()).as(s3.stdout() + s3.stderr()).isNotZero();
    assertThat(s3.stderr()).contains("Cannot connect to Snowflake target probe at 127.0.0.1:" + port)
        .doesNotContain(PASSWORD);
    assertThat(s3.stdout()).doesNotContain(PASSWORD);
  }

  private Out inNamespace(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("unshare", "-n", "sh", "-c", "ip link set lo up && exec \"$@\"",
        "sh", Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Duser.home=" + tmp,
        "-Djava.io.tmpdir=" + tmp));
    java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens")).forEach(command::add);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Leakproof.class.getName()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("SNOWFLAKE_") || k.startsWith("LEAKPROOF_")
        || k.equals("DBT_PROFILES_DIR"));
    pb.environment().put("SNOWFLAKE_PASSWORD", PASSWORD);
    Path out = Files.createTempFile(tmp, "out", ".txt");
    Path err = Files.createTempFile(tmp, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      throw new AssertionError("leakproof " + String.join(" ", args) + " ran over 120 s: " + Files.readString(err));
    }
    return new Out(p.exitValue(), Files.readString(out), Files.readString(err));
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
