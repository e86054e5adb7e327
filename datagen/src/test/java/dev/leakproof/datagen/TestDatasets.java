package dev.leakproof.datagen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Small configurations and helpers shared by the generator tests. */
final class TestDatasets {

  static final LocalDate AS_OF = LocalDate.of(2026, 6, 15);

  private TestDatasets() {}

  static GeneratorConfig config(int accounts, int usageMonths, long seed) {
    return GeneratorConfig.defaults(accounts, usageMonths, seed, AS_OF);
  }

  static GenerationSummary generate(GeneratorConfig config, Path dir) {
    return new DatasetGenerator().generate(config, dir, ProgressListener.NONE);
  }

  static Path generator(Path dir, String file) {
    return dir.resolve(DatasetGenerator.GENERATOR_DIR).resolve(file);
  }

  /** A "key": number map of summary.json, by the name of the object holding it. */
  static Map<String, Long> summaryMap(Path dir, String name) throws IOException {
    String json = Files.readString(generator(dir, DatasetGenerator.SUMMARY));
    Matcher object = Pattern.compile("\"" + name + "\": \\{([^}]*)}").matcher(json);
    if (!object.find()) {
      throw new IllegalStateException("Cannot find " + name + " in summary.json");
    }
    Map<String, Long> map = new LinkedHashMap<>();
    Matcher entry = Pattern.compile("\"([^\"]+)\": (\\d+)").matcher(object.group(1));
    while (entry.find()) {
      map.put(entry.group(1), Long.parseLong(entry.group(2)));
    }
    return map;
  }

  static long lines(Path file) throws IOException {
    try (Stream<String> s = Files.lines(file)) {
      return s.count();
    }
  }
}
