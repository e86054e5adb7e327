package dev.leakproof.cli.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.cli.support.UsageException;
import dev.leakproof.pipelines.thresholds.ThresholdPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThresholdsFileTest {

  @TempDir Path dir;

  @Test
  void theShippedExampleReadsAsDocumented() throws Exception {
    ThresholdPolicy p = ThresholdsFile.read(Path.of("../thresholds.example.yml"));
    assertThat(p).isEqualTo(new ThresholdPolicy(List.of(50, 90, 100), 100, Map.of("enterprise", List.of(75, 90, 100))));
  }

  @Test
  void aFileBesideTheDataWinsOverTheDefaultsAndAGivenFileOverIt() throws Exception {
    assertThat(ThresholdsFile.resolve(null, dir)).isEqualTo(ThresholdPolicy.defaults());
    Files.writeString(dir.resolve("thresholds.yml"), "levels: [80, 100]\nrepeat-every: 0\n");
    assertThat(ThresholdsFile.resolve(null, dir)).isEqualTo(new ThresholdPolicy(List.of(80, 100), 0, Map.of()));
    Path given = Files.writeString(dir.resolve("other.yml"), "plans:\n  starter: [25]\n");
    assertThat(ThresholdsFile.resolve(given, dir).levelsOf("starter")).containsExactly(25);
  }

  @Test
  void badFilesAreRefusedInOneLineNamingTheFileKeyAndValue() throws Exception {
    Path f = dir.resolve("t.yml");
    Files.writeString(f, "levels: [90, 50]\n");
    assertThatThrownBy(() -> ThresholdsFile.read(f)).isInstanceOf(UsageException.class)
        .hasMessage("Invalid thresholds.levels: [90, 50] (ascending, each once) in " + f);
    Files.writeString(f, "levels: [50, ninety]\n");
    assertThatThrownBy(() -> ThresholdsFile.read(f)).hasMessage("Invalid levels in " + f + ": ninety (whole percent)");
    Files.writeString(f, "level: [50]\n");
    assertThatThrownBy(() -> ThresholdsFile.read(f))
        .hasMessage("Unknown setting in " + f + ": level (levels, repeat-every, plans)");
    assertThatThrownBy(() -> ThresholdsFile.read(dir.resolve("missing.yml")))
        .hasMessage("Invalid thresholds file: " + dir.resolve("missing.yml") + " is not a file");
  }
}
