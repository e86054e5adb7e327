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
        dev.leakproof.cli.stream.CollectCommand.class, dev.leakproof.cli.stream.StreamCommand.class,
        dev.leakproof.cli.lake.LakeCommand.class,
        CommandLine.HelpCommand.class})
public final class Leakproof implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

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
    CommandLine cli = new CommandLine(new Leakproof());
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
