package dev.leakproof.sql.project;

/** A project that cannot be loaded or built; the message names the file and the fault. */
public final class ProjectException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public ProjectException(String message) {
    super(message);
  }
}
