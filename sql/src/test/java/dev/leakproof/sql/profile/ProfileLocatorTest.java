package dev.leakproof.sql.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileLocatorTest {

  @TempDir Path tmp;
  Path project;
  Path home;
  Path custom;

  @BeforeEach
  void folders() throws IOException {
    project = Files.createDirectories(tmp.resolve("project"));
    home = Files.createDirectories(tmp.resolve("home"));
    custom = Files.createDirectories(tmp.resolve("custom"));
  }

  private static Path touch(Path folder) throws IOException {
    Files.createDirectories(folder);
    return Files.writeString(folder.resolve("profiles.yml"), "p: {}\n");
  }

  private Function<String, String> env(String profilesDir) {
    return Map.of("DBT_PROFILES_DIR", profilesDir)::get;
  }

  private static final Function<String, String> NO_ENV = name -> null;

  @Test
  void dbtProfilesDirWinsOverProjectAndHome() throws IOException {
    Path expected = touch(custom);
    touch(project);
    touch(home.resolve(".dbt"));

    assertThat(ProfileLocator.find(project, env(custom.toString()), home)).isEqualTo(expected);
  }

  @Test
  void projectFolderWinsOverHome() throws IOException {
    Path expected = touch(project);
    touch(home.resolve(".dbt"));

    assertThat(ProfileLocator.find(project, NO_ENV, home)).isEqualTo(expected);
  }

  @Test
  void homeDbtFolderIsTheLastResort() throws IOException {
    Path expected = touch(home.resolve(".dbt"));

    assertThat(ProfileLocator.find(project, NO_ENV, home)).isEqualTo(expected);
  }

  @Test
  void dbtProfilesDirWithoutTheFileFallsThroughToTheProject() throws IOException {
    Path expected = touch(project);

    assertThat(ProfileLocator.find(project, env(custom.toString()), home)).isEqualTo(expected);
  }

  @Test
  void blankDbtProfilesDirIsIgnored() throws IOException {
    Path expected = touch(project);

    assertThat(ProfileLocator.find(project, env(" "), home)).isEqualTo(expected);
  }

  @Test
  void noFileAnywhereNamesTheFoldersSearched() {
    assertThatThrownBy(() -> ProfileLocator.find(project, NO_ENV, home))
        .isInstanceOf(ProfileException.class)
        .hasMessage("Cannot find profiles.yml in " + project + " or ~/.dbt/ (set DBT_PROFILES_DIR)");
  }

  @Test
  void noFileWithDbtProfilesDirSetNamesThatFolderToo() {
    assertThatThrownBy(() -> ProfileLocator.find(project, env(custom.toString()), home))
        .hasMessage("Cannot find profiles.yml in " + custom + " (DBT_PROFILES_DIR), " + project
            + " or ~/.dbt/ (set DBT_PROFILES_DIR)");
  }

  @Test
  void aFolderNamedProfilesYmlIsNotTheFile() throws IOException {
    Files.createDirectories(project.resolve("profiles.yml"));
    Path expected = touch(home.resolve(".dbt"));

    assertThat(ProfileLocator.find(project, NO_ENV, home)).isEqualTo(expected);
  }
}
