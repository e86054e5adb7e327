package dev.leakproof.cli.models;

import dev.leakproof.cli.support.UsageException;
import dev.leakproof.sql.project.NodeKind;
import dev.leakproof.sql.run.CompiledNode;
import dev.leakproof.sql.run.CompiledProject;
import dev.leakproof.sql.run.DbtEngine;
import dev.leakproof.sql.run.NodeResult;
import dev.leakproof.sql.run.NodeSelector;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code leakproof models}: dbt's commands, run by Leakproof's engine (Jinjava, Calcite). */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = {"Runs a dbt project (Leakproof's own by default, or any with --project) on the profile's target:",
        "Jinja through Jinjava, every model parsed and validated by Calcite before it runs, SQL printed in the "
            + "target's dialect (DuckDB or Snowflake)."},
    subcommands = {ModelsCommand.Ls.class, ModelsCommand.Compile.class, ModelsCommand.Run.class,
        ModelsCommand.Test.class, ModelsCommand.Build.class, ModelsCommand.Seed.class, ShowCommand.class,
        ModelsCommand.Deps.class})
public final class ModelsCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code models ls}: the project's nodes. */
  @Command(name = "ls", mixinStandardHelpOptions = true, description = "Lists the selected nodes (no connection).")
  static final class Ls implements Callable<Integer> {
    @Mixin ProjectOptions options;

    @Option(names = "--resource-type", paramLabel = "TYPE", description = "model, seed, test")
    String resourceType;

    @Override
    public Integer call() throws Exception {
      try (ProjectOptions.Session s = options.open(ProjectOptions.Connection.NOT_NEEDED)) {
        CompiledProject compiled = s.engine().compile();
        Set<String> ids = new NodeSelector(compiled).select(options.select, options.exclude);
        for (CompiledNode n : compiled.nodes()) {
          String type = n.kind().name().toLowerCase(Locale.ROOT);
          if (ids.contains(n.uniqueId()) && (resourceType == null || resourceType.equals(type))) {
            System.out.println(n.uniqueId());
          }
        }
      }
      return 0;
    }
  }

  /** {@code models compile}: SQL in the target's dialect to target/compiled/. */
  @Command(name = "compile", mixinStandardHelpOptions = true,
      description = "Renders and validates every model and writes its SQL, in the target's dialect, to "
          + "target/compiled/ with target/manifest.json (no connection needed when sources declare their types).")
  static final class Compile implements Callable<Integer> {
    @Mixin ProjectOptions options;

    @Override
    public Integer call() throws Exception {
      try (ProjectOptions.Session s = options.open(ProjectOptions.Connection.NOT_NEEDED)) {
        CompiledProject compiled = s.engine().compile();
        long models = compiled.nodes().stream().filter(n -> n.kind() == NodeKind.MODEL).count();
        long tests = compiled.nodes().stream().filter(n -> n.kind() == NodeKind.TEST).count();
        System.out.printf(Locale.ROOT, "Compiled %d models and %d tests of %s for %s (%s) to %s%n", models, tests,
            compiled.name(), s.target().name(), s.target().target().adapterType(),
            (options.targetPath != null ? options.targetPath : s.dir().resolve("target")).resolve("compiled"));
      }
      return 0;
    }
  }

  abstract static class Execute implements Callable<Integer> {
    @Mixin ProjectOptions options;

    abstract DbtEngine.Command command();

    @Override
    public Integer call() throws Exception {
      try (ProjectOptions.Session s = options.open(ProjectOptions.Connection.NEEDED)) {
        long start = System.nanoTime();
        int[] index = {0};
        List<NodeResult> results = s.engine().execute(command(), options.select, options.exclude,
            r -> print(System.out, ++index[0], r));
        return summary(System.out, results, (System.nanoTime() - start) / 1e9);
      }
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true, description = "Builds the selected models.")
  static final class Run extends Execute {
    DbtEngine.Command command() {
      return DbtEngine.Command.RUN;
    }
  }

  @Command(name = "test", mixinStandardHelpOptions = true, description = "Runs the selected data tests.")
  static final class Test extends Execute {
    DbtEngine.Command command() {
      return DbtEngine.Command.TEST;
    }
  }

  @Command(name = "build", mixinStandardHelpOptions = true,
      description = "Seeds, models and tests in dependency order; a failure skips what is built on it.")
  static final class Build extends Execute {
    DbtEngine.Command command() {
      return DbtEngine.Command.BUILD;
    }
  }

  @Command(name = "seed", mixinStandardHelpOptions = true, description = "Loads the project's CSV seeds.")
  static final class Seed extends Execute {
    DbtEngine.Command command() {
      return DbtEngine.Command.SEED;
    }
  }

  /** {@code models deps}: packages cannot be downloaded here. */
  @Command(name = "deps", mixinStandardHelpOptions = true, description = "Explains where packages go.")
  static final class Deps implements Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      throw new UsageException("deps cannot download packages: no package hub is reachable from here; "
          + "copy each package into dbt_packages/<name>/, where models load them from");
    }
  }

  static void print(PrintStream out, int index, NodeResult r) {
    String label = switch (r.status()) {
      case "success" -> "OK";
      case "pass" -> "PASS";
      case "fail" -> "FAIL " + r.failures();
      case "skipped" -> "SKIP";
      default -> "ERROR";
    };
    String what = r.message().isEmpty() ? r.name() : r.name() + " (" + r.message() + ")";
    out.printf(Locale.ROOT, "%3d %-5s %-90s [%.2fs]%n", index, label, what.length() > 90 ? what.substring(0, 87) + "..."
        : what, r.elapsed().toNanos() / 1e9);
    if (r.status().equals("error")) {
      out.println("      " + r.message());
    }
    for (Map<String, Object> row : r.sample()) {
      out.println("      " + row);
    }
  }

  static int summary(PrintStream out, List<NodeResult> results, double seconds) {
    long pass = results.stream().filter(NodeResult::ok).count();
    long fail = results.stream().filter(r -> r.status().equals("fail")).count();
    long error = results.stream().filter(r -> r.status().equals("error")).count();
    long skip = results.stream().filter(r -> r.status().equals("skipped")).count();
    out.printf(Locale.ROOT, "Done in %.1f s. PASS=%d FAIL=%d ERROR=%d SKIP=%d TOTAL=%d%n", seconds, pass, fail, error,
        skip, results.size());
    return fail + error > 0 ? 1 : 0;
  }
}
