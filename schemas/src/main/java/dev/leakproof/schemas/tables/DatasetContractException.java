package dev.leakproof.schemas.tables;

/**
 * A dataset breaks the input contract in a way no row-level quarantine can absorb: a missing
 * file, a missing column, a broken header. The message is one line naming the file and column.
 */
public final class DatasetContractException extends Exception {

  private static final long serialVersionUID = 1L;

  public DatasetContractException(String message) {
    super(message);
  }
}
