package dev.leakproof.pipelines.source;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.assigners.FileSplitAssigner;

/**
 * Hands out file splits in file-name order, so that a single reader sees the lines of a stream in
 * the spec's arrival order. (Flink's default assigners favour locality and give no order.)
 */
public final class FileOrderAssigner implements FileSplitAssigner {

  private static final Comparator<FileSourceSplit> BY_NAME =
      Comparator.comparing((FileSourceSplit s) -> s.path().getName()).thenComparing(FileSourceSplit::offset);

  private final TreeSet<FileSourceSplit> remaining = new TreeSet<>(BY_NAME);

  FileOrderAssigner(Collection<FileSourceSplit> splits) {
    remaining.addAll(splits);
  }

  /** The provider to pass to the file source builder. */
  public static Provider provider() {
    return FileOrderAssigner::new;
  }

  @Override
  public Optional<FileSourceSplit> getNext(String hostname) {
    return Optional.ofNullable(remaining.pollFirst());
  }

  @Override
  public void addSplits(Collection<FileSourceSplit> splits) {
    remaining.addAll(splits);
  }

  @Override
  public Collection<FileSourceSplit> remainingSplits() {
    List<FileSourceSplit> list = new ArrayList<>(remaining);
    return list;
  }
}
