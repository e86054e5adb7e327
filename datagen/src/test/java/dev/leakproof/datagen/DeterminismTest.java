package dev.leakproof.datagen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
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

  /** The hash of this configuration's dataset as written before leak shapes existed. */
  @Test
  void shapesOffWritesTheBytesOfBefore() throws Exception {
    GeneratorConfig config = TestDatasets.config(40, 4, 5).withNoiseRate(0.05);
    String before = "0cc7986c8449f0626b2a0f5d94e67a18d79602d6e099d26b8017892cb7239de9";
    TestDatasets.generate(config, tmp.resolve("a"));
    GenerationSummary s = new DatasetGenerator().generate(config.withShapeRate(0), tmp.resolve("b"),
        tmp.resolve("labels"), ProgressListener.NONE);

    assertThat(treeHash(tmp.resolve("a"))).isEqualTo(before);
    assertThat(treeHash(tmp.resolve("b"))).isEqualTo(before);
    assertThat(s.labels()).isNull();
    assertThat(s.shapes()).isEmpty();
    assertThat(tmp.resolve("labels")).doesNotExist();
    assertThat(DatasetGenerator.defaultLabelsDir(tmp.resolve("a"))).doesNotExist();
  }

  @Test
  void shapesOnWritesTheSameBytesAndLabelsAgain() throws Exception {
    GeneratorConfig config = TestDatasets.config(60, 6, 3).withShapeRate(0.5);
    TestDatasets.generate(config, tmp.resolve("a"));
    TestDatasets.generate(config, tmp.resolve("b"));

    assertThat(hashes(tmp.resolve("b"))).isEqualTo(hashes(tmp.resolve("a")));
    Map<String, String> labels = hashes(tmp.resolve("a.labels"));
    assertThat(labels).containsOnlyKeys(ShapeLabels.LABELS, ShapeLabels.SUMMARY);
    assertThat(hashes(tmp.resolve("b.labels"))).isEqualTo(labels);
  }

  /** Accounts without a shape keep every line they had with shapes off. */
  @Test
  void shapesChangeOnlyTheShapedAccounts() throws Exception {
    GeneratorConfig config = TestDatasets.config(60, 6, 3).withNoiseRate(0.03);
    TestDatasets.generate(config, tmp.resolve("off"));
    GenerationSummary on = TestDatasets.generate(config.withShapeRate(0.5), tmp.resolve("on"));
    Set<String> shaped = new TreeSet<>();
    Csv.read(on.labels().resolve(ShapeLabels.LABELS)).rows.forEach(r -> shaped.add(r.get("account_id")));
    assertThat(shaped).isNotEmpty();
    Set<String> shapedInvoices = new TreeSet<>();
    Csv.read(tmp.resolve("on/invoices.csv")).rows.stream().filter(r -> shaped.contains(r.get("account_id")))
        .forEach(r -> shapedInvoices.add(r.get("invoice_id")));

    for (String file : List.of("accounts.csv", "contracts.csv", "workspaces.csv", "price_book.csv", "invoices.csv")) {
      assertThat(tmp.resolve("on").resolve(file)).hasSameBinaryContentAs(tmp.resolve("off").resolve(file));
    }
    Predicate<String> unshaped = line -> shaped.stream().noneMatch(a -> line.contains("ws-" + a.substring(4) + "-")
        || line.contains(a + ",")) && shapedInvoices.stream().noneMatch(line::startsWith);
    for (String prefix : List.of("invoice_lines.csv", "usage_events", "seat_events")) {
      assertThat(lines(tmp.resolve("on"), prefix, unshaped)).as(prefix).isEqualTo(lines(tmp.resolve("off"), prefix, unshaped));
    }
  }

  private static List<String> lines(Path dir, String prefix, Predicate<String> keep) throws IOException {
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList()) {
        lines.add("# " + f.getFileName());
        Files.readAllLines(f).stream().filter(keep).forEach(lines::add);
      }
    }
    return lines;
  }

  /** One hash over the relative paths and bytes of every file under the folder. */
  private static String treeHash(Path dir) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        md.update(dir.relativize(f).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(Files.readAllBytes(f));
      }
    }
    return HexFormat.of().formatHex(md.digest());
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
