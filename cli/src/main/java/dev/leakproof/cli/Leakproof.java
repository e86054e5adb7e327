package dev.leakproof.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code leakproof} command: finds and stops SaaS revenue leakage. */
@Command(
    name = "leakproof",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = "Finds the revenue SaaS companies earn and never bill: audits product usage, seats, contracts "
        + "and invoices, and syncs the results to the CRM and billing.",
    subcommands = {DemoCommand.class, AuditCommand.class, IngestCommand.class, ExportCommand.class, ReportCommand.class,
        dev.leakproof.cli.renewals.RenewalsCommand.class, ReviewCommand.class, GenerateCommand.class, BenchCommand.class,
        dev.leakproof.cli.models.ModelsCommand.class, dev.leakproof.cli.sync.SyncCommand.class, dev.leakproof.cli.sync.StripeCommand.class,
        dev.leakproof.cli.EmulateCommand.class, dev.leakproof.cli.stream.KafkaCommand.class,
        dev.leakproof.cli.stream.FlinkCommand.class,
        dev.leakproof.cli.stream.CollectCommand.class, dev.leakproof.cli.stream.StreamCommand.class,
        dev.leakproof.cli.lake.LakeCommand.class, dev.leakproof.cli.alerts.AlertsCommand.class,
        dev.leakproof.cli.ml.MlCommand.class,
        CommandLine.HelpCommand.class})
public final class Leakproof implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /**
   * The command line for a run whose first argument is {@code first}: with that subcommand only
   * when it names one (picocli reflects over every command, option and nested subcommand it is
   * given, a third of a second for the whole tree), else with all of them (help, errors).
   */
  static CommandLine commandLine(String first) {
    if (first != null && !first.startsWith("-")) {
      for (Class<?> sub : Leakproof.class.getAnnotation(Command.class).subcommands()) {
        Command c = sub.getAnnotation(Command.class);
        if (c != null && sub != CommandLine.HelpCommand.class
            && (c.name().equals(first) || java.util.Arrays.asList(c.aliases()).contains(first))) {
          CommandLine root = new CommandLine(new Single());
          root.addSubcommand(new CommandLine(sub, CommandLine.defaultFactory()));
          return root;
        }
      }
    }
    return new CommandLine(new Leakproof());
  }

  /** The root command with one subcommand added: the same name, options and version as the whole. */
  @Command(name = "leakproof", mixinStandardHelpOptions = true, versionProvider = Version.class)
  static final class Single implements Runnable {
    @Override
    public void run() {
      // only reached with a subcommand, which runs instead
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns its exit code (0 success, 2 bad usage or dataset, 1 failure). */
  public static int execute(String... args) {
    return execute(new java.io.PrintWriter(System.err, true), args);
  }

  /** As {@link #execute(String...)}, with error messages written to {@code err}. */
  public static int execute(java.io.PrintWriter err, String... args) {
    CommandLine cli = commandLine(args.length == 0 ? null : args[0]);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(new ErrorHandler());
    cli.setParameterExceptionHandler((e, a) -> {
      e.getCommandLine().getErr().println("leakproof: " + e.getMessage());
      e.getCommandLine().getErr().println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      return 2;
    });
    return cli.execute(args);
  }
}
