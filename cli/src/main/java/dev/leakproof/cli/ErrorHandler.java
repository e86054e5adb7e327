package dev.leakproof.cli;

import dev.leakproof.cli.support.UsageException;
import picocli.CommandLine;

/**
 * Turns a command's failure into one line on stderr and an exit code: 2 for unusable arguments
 * or a dataset that breaks the contract, 1 for anything else (the log has the details).
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

  @Override
  public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    if (e instanceof UsageException || e instanceof IllegalArgumentException) {
      cli.getErr().println("leakproof: " + e.getMessage());
      return 2;
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
      message += " (" + root.getClass().getSimpleName() + ": " + root.getMessage().split("\n")[0] + ")";
    }
    cli.getErr().println("leakproof: " + message.split("\n")[0]);
    if (System.getenv("LEAKPROOF_DEBUG") != null) {
      e.printStackTrace(cli.getErr());
    }
    return 1;
  }
}
