package dev.leakproof.sql.profile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Finds profiles.yml where dbt looks: the folder in {@code DBT_PROFILES_DIR} when set, then the
 * project folder, then {@code ~/.dbt/}; the first folder holding the file wins.
 */
public final class ProfileLocator {

  public static final String FILE_NAME = "profiles.yml";
  public static final String PROFILES_DIR_ENV = "DBT_PROFILES_DIR";

  private ProfileLocator() {}

  /**
   * Finds profiles.yml for a project using the process environment and home folder.
   *
   * @throws ProfileException when none of the folders holds profiles.yml
   */
  public static Path find(Path projectDir) {
    return find(projectDir, System::getenv, Path.of(System.getProperty("user.home")));
  }

  /**
   * The profiles.yml a command uses: the one in {@code profilesDir} when the user named that
   * folder (--profiles-dir), else the one {@link #find(Path)} finds for the project.
   *
   * @throws ProfileException when no folder was named and none of the folders holds profiles.yml
   */
  public static Path find(Path profilesDir, Path projectDir) {
    return profilesDir != null ? profilesDir.resolve(FILE_NAME) : find(projectDir);
  }

  /**
   * Finds profiles.yml with an explicit environment and home folder (for tests).
   *
   * @throws ProfileException when none of the folders holds profiles.yml
   */
  public static Path find(Path projectDir, Function<String, String> env, Path homeDir) {
    List<Path> folders = new ArrayList<>();
    String configured = env.apply(PROFILES_DIR_ENV);
    if (configured != null && !configured.isBlank()) {
      folders.add(Path.of(configured));
    }
    folders.add(projectDir);
    folders.add(homeDir.resolve(".dbt"));
    for (Path folder : folders) {
      Path file = folder.resolve(FILE_NAME);
      if (Files.isRegularFile(file)) {
        return file;
      }
    }
    String also = folders.size() == 3 ? configured + " (" + PROFILES_DIR_ENV + "), " : "";
    throw new ProfileException("Cannot find " + FILE_NAME + " in " + also + projectDir
        + " or ~/.dbt/ (set " + PROFILES_DIR_ENV + ")");
  }
}
