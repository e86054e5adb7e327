package dev.leakproof.pipelines.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.apache.iceberg.io.FileIO;
import org.apache.iceberg.io.InputFile;

/**
 * Local copies of a lake's data files on object storage, for readers that cannot read
 * {@code s3://} (DuckDB without httpfs): {@code s3://bucket/key} is cached at
 * {@code folder/s3/bucket/key}. Data files are immutable, so a copy is never refreshed.
 */
final class LakeFileCache {

  private LakeFileCache() {}

  /**
   * The local copy of {@code location}, read through {@code io} on first use.
   *
   * @throws IllegalArgumentException if the location has no scheme or climbs out of the folder
   * @throws UncheckedIOException if reading or writing fails
   */
  static Path cached(Path folder, FileIO io, String location) {
    int schemeEnd = location.indexOf("://");
    if (schemeEnd <= 0) {
      throw new IllegalArgumentException("Invalid data file location: " + location + " (scheme://bucket/key)");
    }
    String scheme = location.substring(0, schemeEnd);
    String rest = location.substring(schemeEnd + 3);
    Path target = folder.resolve(scheme).resolve(rest).normalize();
    if (!target.startsWith(folder.resolve(scheme)) || rest.isEmpty() || rest.endsWith("/")) {
      throw new IllegalArgumentException("Invalid data file location: " + location);
    }
    if (Files.isRegularFile(target)) {
      return target;
    }
    InputFile in = io.newInputFile(location);
    try {
      Files.createDirectories(target.getParent());
      Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
      try (InputStream stream = in.newStream()) {
        Files.copy(stream, temp);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot copy " + location + " to " + target, e);
    }
  }
}
