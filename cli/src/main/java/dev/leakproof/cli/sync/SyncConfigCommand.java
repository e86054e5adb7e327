package dev.leakproof.cli.sync;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code leakproof sync config}. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Prints a destination's settings in force (file and environment), secrets masked.")
final class SyncConfigCommand implements Callable<Integer> {

  @Mixin
  SyncOptions options;

  @Parameters(paramLabel = "TYPE", defaultValue = "salesforce", description = "The destination type (salesforce).")
  String type;

  @Override
  public Integer call() throws Exception {
    System.out.print(options.destinations().describe(type));
    return 0;
  }
}
