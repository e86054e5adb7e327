package dev.leakproof.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProgressTest {

  @TempDir
  Path dir;

  @Test
  void reportsAFewHundredTimesUpToTheTotalOfEventLines() {
    List<long[]> calls = new ArrayList<>();
    GenerationSummary s = new DatasetGenerator().generate(TestDatasets.config(30, 2, 4), dir,
        (written, total) -> calls.add(new long[] {written, total}));

    long total = s.linesOf("usage_events") + s.linesOf("seat_events");
    assertThat(calls).hasSizeBetween(100, 300);
    assertThat(calls).allSatisfy(c -> assertThat(c[1]).isEqualTo(total));
    assertThat(calls.get(calls.size() - 1)[0]).isEqualTo(total);
    for (int i = 1; i < calls.size(); i++) {
      assertThat(calls.get(i)[0]).isGreaterThanOrEqualTo(calls.get(i - 1)[0]);
    }
  }
}
