package dev.leakproof.sql.project;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * dbt's {@code deps}: installs the packages of packages.yml (or dependencies.yml) into the
 * project's packages-install-path, each in a folder named as its dbt_project.yml names it, and
 * writes package-lock.yml with what was installed (a git package's commit among it). Local
 * folders are copied; git repositories are cloned with the {@code git} command at their
 * {@code revision} (and {@code subdirectory}). The package hub and tarball URLs need the
 * network: when it cannot be reached the error says so, and the packages already in place stay.
 */
public final class PackageInstaller {

  /** One installed package, as package-lock.yml records it. */
  public record Installed(String name, PackageSpecs.Spec spec, String commit, Path dir) {}

  private final Path root;
  private final Consumer<String> progress;

  public PackageInstaller(Path root, Consumer<String> progress) {
    this.root = root;
    this.progress = progress;
  }

  public List<Installed> install() throws IOException, InterruptedException {
    ProjectConfig config = ProjectLoader.readConfig(root.resolve("dbt_project.yml"), root);
    List<PackageSpecs.Spec> specs = PackageSpecs.read(root);
    Path target = root.resolve(config.packagesInstallPath());
    Files.createDirectories(target);
    Path staging = Files.createTempDirectory(target, ".deps-");
    List<Installed> installed = new ArrayList<>();
    try {
      for (PackageSpecs.Spec spec : specs) {
        Path fetched = staging.resolve("p" + installed.size());
        String commit = null;
        switch (spec.kind()) {
          case LOCAL -> {
            Path source = root.resolve(spec.location()).normalize();
            if (!Files.isRegularFile(source.resolve("dbt_project.yml"))) {
              throw new ProjectException("Cannot install local package " + spec.location() + ": " + source
                  + " has no dbt_project.yml");
            }
            progress.accept("Installing " + spec.location() + " (local)");
            copy(source, fetched);
          }
          case GIT -> {
            progress.accept("Installing " + spec.location() + (spec.revision() == null ? "" : "@" + spec.revision()));
            Path clone = staging.resolve("git" + installed.size());
            git(staging, "clone", "--quiet", spec.location(), clone.toString());
            if (spec.revision() != null) {
              git(clone, "checkout", "--quiet", spec.revision());
            }
            commit = git(clone, "rev-parse", "HEAD").strip();
            Path from = spec.subdirectory() == null ? clone : clone.resolve(spec.subdirectory());
            if (!Files.isRegularFile(from.resolve("dbt_project.yml"))) {
              throw new ProjectException("Cannot install " + spec.location() + ": no dbt_project.yml in "
                  + (spec.subdirectory() == null ? "the repository" : spec.subdirectory()));
            }
            copy(from, fetched, ".git");
          }
          case HUB -> throw new ProjectException("Cannot install " + spec.location() + " " + (spec.revision() == null
              ? "" : spec.revision() + " ") + "from the dbt package hub: hub.getdbt.com cannot be reached from this "
              + "machine (no network). Give it as git: or local: in packages.yml, or copy it into "
              + config.packagesInstallPath() + "/");
          case TARBALL -> throw new ProjectException("Cannot install tarball " + spec.location() + ": it cannot be "
              + "downloaded from this machine (no network). Unpack it and give the folder as local: in packages.yml");
          default -> throw new IllegalStateException(spec.kind().name());
        }
        String name = ProjectLoader.readConfig(fetched.resolve("dbt_project.yml"), fetched).name();
        installed.add(new Installed(name, spec, commit, fetched));
      }
      for (Installed p : installed) {
        Path dest = target.resolve(p.name());
        delete(dest);
        Files.move(p.dir(), dest, StandardCopyOption.ATOMIC_MOVE);
        progress.accept("Installed " + p.name() + " into " + root.relativize(dest));
      }
    } finally {
      delete(staging);
    }
    writeLock(installed);
    return installed.stream().map(p -> new Installed(p.name(), p.spec(), p.commit(),
        target.resolve(p.name()))).toList();
  }

  private void writeLock(List<Installed> installed) throws IOException {
    StringBuilder lock = new StringBuilder("packages:\n");
    for (Installed p : installed) {
      PackageSpecs.Spec s = p.spec();
      switch (s.kind()) {
        case LOCAL -> lock.append("  - local: ").append(quote(s.location())).append('\n');
        case GIT -> {
          lock.append("  - git: ").append(quote(s.location())).append('\n');
          lock.append("    revision: ").append(quote(p.commit())).append('\n');
          if (s.subdirectory() != null) {
            lock.append("    subdirectory: ").append(quote(s.subdirectory())).append('\n');
          }
        }
        default -> throw new IllegalStateException(s.kind().name());
      }
      lock.append("    name: ").append(quote(p.name())).append('\n');
    }
    lock.append("sha1_hash: ").append(sha1(Files.isRegularFile(root.resolve("packages.yml"))
        ? Files.readString(root.resolve("packages.yml")) : Files.readString(root.resolve("dependencies.yml"))))
        .append('\n');
    Files.writeString(root.resolve("package-lock.yml"), lock.toString(), StandardCharsets.UTF_8);
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String sha1(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-1")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String git(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("GIT_TERMINAL_PROMPT", "0");
    Process process;
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new ProjectException("Cannot install git packages: the git command is not installed (" + e.getMessage()
          + ")");
    }
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new ProjectException("git " + String.join(" ", args) + " did not finish in 10 minutes");
    }
    if (process.exitValue() != 0) {
      String first = out.strip().lines().reduce((a, b) -> b).orElse("exit " + process.exitValue());
      boolean network = out.contains("Could not resolve host") || out.contains("unable to access")
          || out.contains("Network is unreachable") || out.contains("Connection refused");
      throw new ProjectException("git " + args[0] + " failed" + (network ? " (no network: the repository cannot be "
          + "reached from this machine)" : "") + ": " + first);
    }
    return out;
  }

  private static void copy(Path from, Path to, String... skip) throws IOException {
    List<String> skipped = List.of(skip);
    Files.walkFileTree(from, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (!dir.equals(from) && skipped.contains(dir.getFileName().toString())) {
          return FileVisitResult.SKIP_SUBTREE;
        }
        Files.createDirectories(to.resolve(from.relativize(dir).toString()));
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.REPLACE_EXISTING);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
