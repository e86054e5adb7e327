package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** Every command answers --help. */
class CommandsTest {

  @ParameterizedTest
  @ValueSource(strings = {"", "demo", "audit", "ingest", "export", "report", "renewals", "review", "generate", "bench", "sync", "emulate", "stripe", "kafka", "flink", "stream"})
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

  /**
   * Every command and nested subcommand renders its help without picocli's format warning (a
   * description with a bare percent sign prints raw, with its %n left in).
   */
  @Test
  void everyDescriptionFormats() {
    PrintStream stderr = System.err;
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    List<String> rendered = new ArrayList<>();
    System.setErr(new PrintStream(errors, true));
    try {
      List<CommandLine> pending = new ArrayList<>(List.of(Leakproof.commandLine(null)));
      while (!pending.isEmpty()) {
        CommandLine c = pending.remove(pending.size() - 1);
        c.getUsageMessage();
        rendered.add(c.getCommandSpec().qualifiedName());
        for (Map.Entry<String, CommandLine> sub : c.getSubcommands().entrySet()) {
          if (sub.getKey().equals(sub.getValue().getCommandName())) {
            pending.add(sub.getValue());
          }
        }
      }
    } finally {
      System.setErr(stderr);
    }
    assertThat(rendered).contains("leakproof bench sync", "leakproof audit");
    assertThat(errors.toString()).doesNotContain("Could not format");
  }
}
