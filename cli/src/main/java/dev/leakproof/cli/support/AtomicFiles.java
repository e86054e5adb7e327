package dev.leakproof.cli.support;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a set of output files so that none is ever seen half-written: each goes to a hidden
 * temporary file beside its target, and all are moved into place only once every one is complete.
 */
public final class AtomicFiles implements AutoCloseable {

  /** Writes a file's content. */
  @FunctionalInterface
  public interface Content {
    void writeTo(Writer writer) throws IOException;
  }

  private final List<Path[]> staged = new ArrayList<>();
  private boolean committed;

  /** Writes {@code content} to a temporary file for {@code target}. */
  public void stage(Path target, Content content) throws IOException {
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      content.writeTo(w);
    }
    staged.add(new Path[] {tmp, target});
  }

  /** Moves every staged file into place. */
  public void commit() throws IOException {
    for (Path[] s : staged) {
      try {
        Files.move(s[0], s[1], StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(s[0], s[1], StandardCopyOption.REPLACE_EXISTING);
      }
    }
    committed = true;
  }

  /** Removes staged files that were not committed. */
  @Override
  public void close() throws IOException {
    if (!committed) {
      for (Path[] s : staged) {
        Files.deleteIfExists(s[0]);
      }
    }
  }
}
