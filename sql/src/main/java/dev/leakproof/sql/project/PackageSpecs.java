package dev.leakproof.sql.project;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The packages a project asks for in packages.yml (or dependencies.yml): from the package hub
 * ({@code package:} and {@code version:}), a git repository ({@code git:}, {@code revision:},
 * {@code subdirectory:}), a local folder ({@code local:}) or a tarball URL.
 */
public final class PackageSpecs {

  /** One entry of packages.yml. */
  public record Spec(Kind kind, String location, String revision, String subdirectory, String name) {
    /** Where a package comes from. */
    public enum Kind { HUB, GIT, LOCAL, TARBALL }
  }

  private PackageSpecs() {}

  /** The project's package entries; empty when it has neither file. */
  public static List<Spec> read(Path root) throws IOException {
    Path file = root.resolve("packages.yml");
    if (!Files.isRegularFile(file)) {
      file = root.resolve("dependencies.yml");
    }
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    List<Spec> specs = new ArrayList<>();
    for (Object entry : SchemaFile.list(ProjectLoader.readYaml(file).get("packages"))) {
      Map<String, Object> m = ProjectLoader.mapOf(entry);
      if (m.containsKey("local")) {
        specs.add(new Spec(Spec.Kind.LOCAL, String.valueOf(m.get("local")), null, null, null));
      } else if (m.containsKey("git")) {
        specs.add(new Spec(Spec.Kind.GIT, String.valueOf(m.get("git")), revision(m), str(m.get("subdirectory")), null));
      } else if (m.containsKey("package")) {
        specs.add(new Spec(Spec.Kind.HUB, String.valueOf(m.get("package")), str(m.get("version")), null, null));
      } else if (m.containsKey("tarball")) {
        specs.add(new Spec(Spec.Kind.TARBALL, String.valueOf(m.get("tarball")), null, null, str(m.get("name"))));
      } else {
        throw new ProjectException("Cannot read " + file.getFileName() + ": a package entry needs local:, git:, "
            + "package: or tarball:, found " + m.keySet());
      }
    }
    return specs;
  }

  private static String revision(Map<String, Object> m) {
    Object r = m.get("revision");
    return r == null ? null : String.valueOf(r);
  }

  private static String str(Object v) {
    if (v instanceof List<?> l) {
      return String.join(",", l.stream().map(String::valueOf).toList());
    }
    return v == null ? null : String.valueOf(v);
  }
}
