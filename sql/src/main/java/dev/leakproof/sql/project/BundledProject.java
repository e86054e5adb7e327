package dev.leakproof.sql.project;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Leakproof's own dbt project (models, macros, tests), shipped inside the jar. It is copied to a
 * folder before a run so the loader reads it like any other project.
 */
public final class BundledProject {

  private static final String ROOT = "leakproof-project";

  private BundledProject() {}

  /**
   * Copies the bundled project into {@code dest} and returns it: the project's files are replaced,
   * its {@code target/} folder (artifacts, a local warehouse) is kept.
   */
  public static Path extract(Path dest) throws IOException {
    URL marker = BundledProject.class.getClassLoader().getResource(ROOT + "/dbt_project.yml");
    if (marker == null) {
      throw new ProjectException("Cannot find Leakproof's SQL project on the classpath (" + ROOT + "/)");
    }
    URI uri;
    try {
      uri = marker.toURI();
    } catch (URISyntaxException e) {
      throw new IOException("Cannot read " + marker, e);
    }
    if ("jar".equals(uri.getScheme())) {
      FileSystem fs;
      try {
        fs = FileSystems.newFileSystem(uri, Map.of());
      } catch (FileSystemAlreadyExistsException e) {
        fs = FileSystems.getFileSystem(uri);
      }
      copy(fs.getPath("/" + ROOT), dest);
    } else {
      copy(Path.of(uri).getParent(), dest);
    }
    return dest;
  }

  private static void copy(Path from, Path to) throws IOException {
    if (Files.exists(to)) {
      Path keep = to.resolve("target");
      try (Stream<Path> old = Files.walk(to)) {
        for (Path p : old.sorted(java.util.Comparator.reverseOrder()).toList()) {
          if (!p.startsWith(keep) && !p.equals(to)) {
            Files.delete(p);
          }
        }
      }
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(from)) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    for (Path f : files) {
      Path target = to.resolve(from.relativize(f).toString());
      Files.createDirectories(target.getParent());
      Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
