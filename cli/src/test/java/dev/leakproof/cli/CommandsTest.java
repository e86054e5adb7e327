package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command answers --help. */
class CommandsTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "demo", "audit", "ingest", "export", "report", "renewals", "review", "generate", "bench", "sync", "emulate", "stripe"})
  void everyCommandHasHelp(String command) {
    PrintStream stdout = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true));
    try {
      List<String> args = command.isEmpty() ? List.of("--help") : List.of(command, "--help");
      assertThat(CliTestSupport.run(args.toArray(String[]::new)).exitCode()).isZero();
    } finally {
      System.setOut(stdout);
    }
    assertThat(buffer.toString()).contains("Usage: leakproof" + (command.isEmpty() ? "" : " " + command));
  }
}
