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

/** {@code leakproof models}: dbt's commands, run by Leakproof's engine (its own Jinja2, Calcite). */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = {"Runs a dbt project (Leakproof's own by default, or any with --project) on the profile's target:",
        "Jinja as dbt renders it, every model parsed and validated by Calcite before it runs, SQL printed in the "
            + "target's dialect (DuckDB or Snowflake)."},
    subcommands = {ModelsCommand.Ls.class, ModelsCommand.Compile.class, ModelsCommand.Run.class,
        ModelsCommand.Test.class, ModelsCommand.Build.class, ModelsCommand.Seed.class, ShowCommand.class,
        ModelsCommand.Deps.class, ModelsCommand.Retry.class, ModelsCommand.Docs.class, ModelsCommand.Source.class})
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

    @Option(names = "--resource-type", paramLabel = "TYPE",
        description = "model, seed, test, unit_test, analysis, source, semantic_model, metric, ...")
    String resourceType;

    @Override
    public Integer call() throws Exception {
      options.which = "list";
      try (ProjectOptions.Session s = options.open(ProjectOptions.Connection.NOT_NEEDED)) {
        CompiledProject parsed = s.engine().parse();
        parsed.warnings().forEach(w -> System.err.println("WARN " + w));
        boolean all = options.select == null || options.select.isBlank();
        Set<String> ids = DbtEngine.selector(parsed, options.state).select(options.select, options.exclude);
        for (CompiledNode n : parsed.nodes()) {
          if (ids.contains(n.uniqueId()) && (resourceType == null || resourceType.equals(n.kind().resourceType()))) {
            System.out.println(n.uniqueId());
          }
        }
        for (String id : ids) {
          if (id.startsWith("source.") && (resourceType == null || resourceType.equals("source"))) {
            System.out.println(id);
          }
        }
        if (all) {
          for (var source : s.project().sources().values()) {
            if (resourceType != null && resourceType.equals("source") && !ids.contains(source.uniqueId())) {
              System.out.println(source.uniqueId());
            }
          }
          for (var r : s.project().resources()) {
            if (resourceType == null || resourceType.equals(r.type())) {
              System.out.println(r.uniqueId());
            }
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
      options.which = "compile";
      try (ProjectOptions.Session s = options.open(ProjectOptions.Connection.NOT_NEEDED)) {
        CompiledProject compiled = s.engine().compile();
        compiled.warnings().forEach(w -> System.err.println("WARN " + w));
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

    @Option(names = {"-x", "--fail-fast"}, description = "Stop at the first failure; what is left is skipped.")
    boolean failFast;

    abstract DbtEngine.Command command();

    @Override
    public Integer call() throws Exception {
      options.which = command().name().toLowerCase(Locale.ROOT);
      try (ProjectOptions.Session s = options.open(ProjectOptions.Connection.NEEDED)) {
        long start = System.nanoTime();
        int[] index = {0};
        List<NodeResult> results = s.engine().execute(command(),
            new DbtEngine.RunOptions(options.select, options.exclude, failFast, options.state),
            r -> print(System.out, ++index[0], r));
        return summary(System.out, results, (System.nanoTime() - start) / 1e9);
      }
    }
  }

  /** {@code models retry}: the failed, errored and skipped nodes of the last run, again. */
  @Command(name = "retry", mixinStandardHelpOptions = true,
      description = "Runs again, with the previous command, the nodes target/run_results.json lists as error, fail "
          + "or skipped.")
  static final class Retry implements Callable<Integer> {
    @Mixin ProjectOptions options;

    @Override
    public Integer call() throws Exception {
      options.which = "retry";
      try (ProjectOptions.Session s = options.open(ProjectOptions.Connection.NEEDED)) {
        long start = System.nanoTime();
        int[] index = {0};
        List<NodeResult> results = s.engine().retry(r -> print(System.out, ++index[0], r));
        if (results.isEmpty()) {
          System.out.println("Nothing to retry: the last run had no errors, failures or skipped nodes.");
        }
        return summary(System.out, results, (System.nanoTime() - start) / 1e9);
      }
    }
  }

  /** {@code models docs generate}: manifest.json and catalog.json for the dbt docs site. */
  @Command(name = "docs", mixinStandardHelpOptions = true, description = "dbt docs: generate.",
      subcommands = Docs.Generate.class)
  static final class Docs implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(System.out);
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Compiles the project and writes target/manifest.json and target/catalog.json (the columns and "
            + "types of every built model, seed and source, read from the warehouse).")
    static final class Generate implements Callable<Integer> {
      @Mixin ProjectOptions options;

      @Override
      public Integer call() throws Exception {
        options.which = "generate";
        try (ProjectOptions.Session s = options.open(ProjectOptions.Connection.NEEDED)) {
          java.nio.file.Path catalog = s.engine().docsGenerate();
          System.out.println("Catalog written to " + catalog + " (manifest.json beside it)");
        }
        return 0;
      }
    }
  }

  /** {@code models source freshness}. */
  @Command(name = "source", mixinStandardHelpOptions = true, description = "dbt source: freshness.",
      subcommands = Source.Freshness.class)
  static final class Source implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(System.out);
    }

    @Command(name = "freshness", mixinStandardHelpOptions = true,
        description = "Checks each source's loaded_at_field against its freshness config; writes target/sources.json. "
            + "Exit 1 when a source is past error_after.")
    static final class Freshness implements Callable<Integer> {
      @Mixin ProjectOptions options;

      @Override
      public Integer call() throws Exception {
        options.which = "freshness";
        try (ProjectOptions.Session s = options.open(ProjectOptions.Connection.NEEDED)) {
          var results = s.engine().sourceFreshness(options.select);
          int i = 0;
          boolean error = false;
          for (var r : results) {
            String label = switch (r.status()) {
              case "pass" -> "PASS";
              case "warn" -> "WARN";
              case "error" -> "ERROR STALE";
              default -> "ERROR";
            };
            error |= !r.status().equals("pass") && !r.status().equals("warn");
            System.out.printf(Locale.ROOT, "%3d %-11s freshness of %s%s%n", ++i, label, r.uniqueId(),
                r.maxLoadedAt() == null ? (r.error() == null ? " (no rows)" : ": " + r.error())
                    : String.format(Locale.ROOT, " (last loaded %s, %.0f s ago)", r.maxLoadedAt(), r.ageSeconds()));
          }
          if (results.isEmpty()) {
            System.out.println("No source has a freshness config with a loaded_at_field.");
          }
          return error ? 1 : 0;
        }
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

  /** {@code models deps}: installs packages.yml's packages into dbt_packages/ and writes package-lock.yml. */
  @Command(name = "deps", mixinStandardHelpOptions = true,
      description = "Installs the packages in packages.yml (local: folders, git: repositories) into dbt_packages/ "
          + "and writes package-lock.yml. Hub and tarball packages need the network.")
  static final class Deps implements Callable<Integer> {
    @Option(names = "--project", paramLabel = "DIR", required = true, description = "The dbt project folder.")
    java.nio.file.Path project;

    @Override
    public Integer call() throws Exception {
      if (!java.nio.file.Files.isRegularFile(project.resolve("dbt_project.yml"))) {
        throw new UsageException("Invalid --project: " + project + " has no dbt_project.yml");
      }
      var installed = new dev.leakproof.sql.project.PackageInstaller(project, System.out::println).install();
      System.out.println(installed.isEmpty() ? "No packages to install (no packages.yml or dependencies.yml)."
          : "Installed " + installed.size() + " package(s); wrote " + project.resolve("package-lock.yml"));
      return 0;
    }
  }

  static void print(PrintStream out, int index, NodeResult r) {
    String label = switch (r.status()) {
      case "success" -> "OK";
      case "pass" -> "PASS";
      case "warn" -> "WARN " + r.failures();
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
    long pass = results.stream().filter(r -> r.status().equals("success") || r.status().equals("pass")).count();
    long warn = results.stream().filter(r -> r.status().equals("warn")).count();
    long fail = results.stream().filter(r -> r.status().equals("fail")).count();
    long error = results.stream().filter(r -> r.status().equals("error")).count();
    long skip = results.stream().filter(r -> r.status().equals("skipped")).count();
    out.printf(Locale.ROOT, "Done in %.1f s. PASS=%d WARN=%d FAIL=%d ERROR=%d SKIP=%d TOTAL=%d%n", seconds, pass, warn,
        fail, error, skip, results.size());
    return fail + error > 0 ? 1 : 0;
  }
}
