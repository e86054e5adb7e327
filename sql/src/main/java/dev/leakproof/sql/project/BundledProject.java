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
 * folder before a run so the loader reads it like any other project; other shipped folders (the
 * sync files) are copied the same way.
 */
public final class BundledProject {

  private static final String ROOT = "leakproof-project";

  private BundledProject() {}

  /**
   * Copies the bundled project into {@code dest} and returns it: the project's files are replaced,
   * its {@code target/} folder (artifacts, a local warehouse) is kept.
   */
  public static Path extract(Path dest) throws IOException {
    return extractFolder(ROOT, "dbt_project.yml", dest);
  }

  /**
   * Copies a folder shipped on the classpath ({@code root/}, found by one of its files) into
   * {@code dest}, replacing what is there except a {@code target/} folder.
   *
   * @throws ProjectException when the folder is not on the classpath
   */
  public static Path extractFolder(String root, String markerFile, Path dest) throws IOException {
    URL marker = BundledProject.class.getClassLoader().getResource(root + "/" + markerFile);
    if (marker == null) {
      throw new ProjectException("Cannot find " + root + "/ on the classpath");
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
      copy(fs.getPath("/" + root), dest);
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
