package dev.leakproof.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

  @TempDir
  Path tmp;

  @Test
  void sameConfigWritesTheSameBytes() throws Exception {
    GeneratorConfig config = TestDatasets.config(25, 3, 7).withNoiseRate(0.05);
    TestDatasets.generate(config, tmp.resolve("a"));
    TestDatasets.generate(config, tmp.resolve("b"));

    Map<String, String> a = hashes(tmp.resolve("a"));
    assertThat(a).containsKeys("accounts.csv", "usage_events_001.jsonl", "usage_events_002.jsonl",
        "seat_events_001.jsonl", "_generator/injected_leaks.csv", "_generator/summary.json");
    assertThat(hashes(tmp.resolve("b"))).isEqualTo(a);
  }

  @Test
  void anotherSeedWritesOtherData() throws Exception {
    TestDatasets.generate(TestDatasets.config(25, 3, 7), tmp.resolve("a"));
    TestDatasets.generate(TestDatasets.config(25, 3, 8), tmp.resolve("b"));

    Map<String, String> a = hashes(tmp.resolve("a"));
    Map<String, String> b = hashes(tmp.resolve("b"));
    assertThat(b.get("contracts.csv")).isNotEqualTo(a.get("contracts.csv"));
    assertThat(b.get("usage_events_001.jsonl")).isNotEqualTo(a.get("usage_events_001.jsonl"));
    assertThat(b.get("price_book.csv")).isEqualTo(a.get("price_book.csv"));
  }

  @Test
  void rerunIntoTheSameFolderRemovesStaleEventFiles() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("same"));
    Files.writeString(dir.resolve("usage_events_009.jsonl"), "{}\n");
    Files.writeString(dir.resolve("seat_events_003.jsonl"), "{}\n");
    Files.writeString(dir.resolve("notes.txt"), "kept");
    TestDatasets.generate(TestDatasets.config(5, 1, 1), dir);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jsonl") || n.endsWith(".txt")))
          .containsExactlyInAnyOrder("usage_events_001.jsonl", "usage_events_002.jsonl",
              "seat_events_001.jsonl", "seat_events_002.jsonl", "notes.txt");
    }
  }

  private static Map<String, String> hashes(Path dir) throws IOException {
    Map<String, String> hashes = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        hashes.put(dir.relativize(p).toString().replace('\\', '/'), sha256(p));
      }
    }
    return hashes;
  }

  private static String sha256(Path p) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
