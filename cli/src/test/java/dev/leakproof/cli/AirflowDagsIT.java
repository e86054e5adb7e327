package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The Airflow DAGs' tests ({@code airflow-dags/tests}, Python standard library only), run against the CLI of this
 * build: the DAG files load with the stand-in Airflow, every task's command is one the CLI accepts, and the daily
 * DAG runs twice for one date against the emulators without changing anything the second time.
 */
class AirflowDagsIT {

  private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
  private static final long TIMEOUT_MINUTES = 10;

  @Test
  void theDagTestsPassAgainstThisBuildsCli() throws Exception {
    ProcessBuilder pb = new ProcessBuilder("python3", "-m", "unittest", "discover", "-s", "airflow-dags/tests", "-v")
        .directory(REPO.toFile())
        .redirectErrorStream(true);
    pb.environment().put("LEAKPROOF_CLI", cliCommandLine());
    pb.environment().put("PYTHONUNBUFFERED", "1");
    pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
    pb.environment().keySet().removeIf(k -> k.startsWith("SALESFORCE_") || k.startsWith("STRIPE_"));

    Process python = pb.start();
    StringBuilder output = new StringBuilder();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(python.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          System.out.println(line);
          synchronized (output) {
            output.append(line).append('\n');
          }
        }
      } catch (java.io.IOException e) {
        synchronized (output) {
          output.append("[reading the output failed: ").append(e).append("]\n");
        }
      }
    }, "airflow-dags-tests-output");
    reader.start();

    boolean finished = python.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES);
    if (!finished) {
      python.descendants().forEach(ProcessHandle::destroy);
      python.destroy();
      python.waitFor(30, TimeUnit.SECONDS);
    }
    reader.join(TimeUnit.SECONDS.toMillis(30));
    String log;
    synchronized (output) {
      log = output.toString();
    }
    assertThat(finished).as("python3 -m unittest discover -s airflow-dags/tests ran over %d minutes:%n%s",
        TIMEOUT_MINUTES, log).isTrue();
    assertThat(python.exitValue()).as("python3 -m unittest discover -s airflow-dags/tests -v:%n%s", log).isZero();
    assertThat(log).contains("OK");
  }

  /** This JVM's java, its module openings (Flink needs them) and class path, as one shell-quoted command line. */
  private static String cliCommandLine() {
    List<String> words = new ArrayList<>();
    words.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports") || arg.startsWith("-Duser.timezone")) {
        words.add(arg);
      }
    }
    words.addAll(List.of("-cp", System.getProperty("java.class.path"), Leakproof.class.getName()));
    return words.stream().map(AirflowDagsIT::shellQuote).collect(Collectors.joining(" "));
  }

  /** POSIX single quotes, which Python's shlex.split reads back word for word. */
  private static String shellQuote(String word) {
    return "'" + word.replace("'", "'\"'\"'") + "'";
  }
}
