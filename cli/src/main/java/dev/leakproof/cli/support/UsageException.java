package dev.leakproof.cli.support;

/**
 * Unusable arguments or a dataset that breaks the input contract: the command exits 2 and prints
 * the message, one line.
 */
public final class UsageException extends Exception {

  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
