package dev.leakproof.cli.ml;

import dev.leakproof.cli.audit.AuditOptions;
import dev.leakproof.cli.audit.AuditRunner;
import dev.leakproof.cli.support.Console;
import dev.leakproof.datagen.DatasetGenerator;
import dev.leakproof.datagen.GeneratorConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Generated history to learn from and to measure on: a dataset with labelled leak shapes for a
 * seed (labels in a folder beside it), run through the real audit (Flink ingestion, the lake, the
 * warehouse, the models), then collected into a {@link Snapshot}. An audited seed is kept under
 * the work folder and reused while its settings are the same.
 */
final class GeneratedHistory {

  /** How each dataset is generated. */
  record Options(int accounts, int usageMonths, LocalDate asOf, double shapeRate, long eventsPerAccount,
      int quarters) {
    Options {
      if (accounts < 10) {
        throw new IllegalArgumentException("Invalid --accounts: " + accounts + " (must be at least 10)");
      }
      if (quarters < 1 || quarters * 3 >= usageMonths) {
        throw new IllegalArgumentException("Invalid --quarters: " + quarters + " (at least 1, and 3 months each "
            + "must fit in --usage-months " + usageMonths + " with a month to spare)");
      }
    }

    /** The settings as the model file and the figures record them (no seed). */
    String describe() {
      return "accounts=" + accounts + " usage_months=" + usageMonths + " as_of=" + asOf + " shape_rate=" + shapeRate
          + " events_per_account=" + eventsPerAccount + " quarters=" + quarters;
    }

    String fingerprint(long seed) {
      return "seed=" + seed + " accounts=" + accounts + " usage_months=" + usageMonths + " as_of=" + asOf
          + " shape_rate=" + shapeRate + " events_per_account=" + eventsPerAccount + " version=2";
    }
  }

  private GeneratedHistory() {}

  static Snapshot snapshot(long seed, Options options, Path root, Console console) throws Exception {
    Path dir = root.resolve("seed-" + seed);
    Path dataset = dir.resolve("dataset");
    Path labels = dir.resolve("dataset.labels");
    Path work = dir.resolve("work");
    Path stamp = dir.resolve("audited.txt");
    String fingerprint = options.fingerprint(seed);
    boolean reuse = Files.isRegularFile(stamp) && Files.readString(stamp, StandardCharsets.UTF_8).equals(fingerprint)
        && Files.isRegularFile(work.resolve("warehouse.duckdb"));
    if (!reuse) {
      Files.deleteIfExists(stamp);
      GeneratorConfig config = GeneratorConfig.defaults(options.accounts(), options.usageMonths(), seed, options.asOf())
          .withUsageEvents(options.eventsPerAccount() * options.accounts()).withShapeRate(options.shapeRate());
      new DatasetGenerator().generate(config, dataset, labels, null);
      Console quiet = new Console(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()),
          Console.Verbosity.QUIET);
      AuditRunner.prepare(work);
      new AuditRunner(quiet).run(new AuditOptions(dataset, options.asOf(), dir.resolve("audit"), work, 1, "2GB"));
      Files.writeString(stamp, fingerprint, StandardCharsets.UTF_8);
    }
    Snapshot s = SnapshotCollector.collect("seed " + seed, work.resolve("warehouse.duckdb"), dir.resolve("history"),
        options.asOf(), LabelFiles.shapes(labels), List.of(), options.quarters());
    console.line(String.format(java.util.Locale.ROOT, "  seed %d: %,d contract-months (%,d labelled with a shape), "
        + "%,d account-quarters (%,d with a finding next quarter)%s", seed, s.months().size(),
        s.months().stream().filter(m -> m.shape() != null).count(), s.accounts().size(),
        s.accounts().stream().filter(Snapshot.AccountQuarter::outcome).count(), reuse ? " [reused audit]" : ""));
    return s;
  }

  /** {@code 1..4} or {@code 1,2,5}. */
  static List<Long> seeds(String spec, String option) {
    try {
      if (spec.contains("..")) {
        String[] ends = spec.split("\\.\\.", 2);
        long from = Long.parseLong(ends[0].trim());
        long to = Long.parseLong(ends[1].trim());
        if (to < from || to - from > 1000) {
          throw new IllegalArgumentException("Invalid " + option + ": " + spec + " (A..B with A <= B, at most 1000 seeds)");
        }
        return java.util.stream.LongStream.rangeClosed(from, to).boxed().toList();
      }
      return java.util.Arrays.stream(spec.split(",")).map(String::trim).map(Long::parseLong).toList();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Invalid " + option + ": " + spec + " (expected A..B or A,B,C)");
    }
  }
}
