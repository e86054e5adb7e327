package dev.leakproof.cli;

import dev.leakproof.cli.support.Console;
import dev.leakproof.cli.support.UsageException;
import dev.leakproof.datagen.DatasetGenerator;
import dev.leakproof.datagen.GenerationSummary;
import dev.leakproof.datagen.GeneratorConfig;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leakproof generate}: a realistic dataset with every leak type and event noise injected. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Writes a realistic dataset in the spec's layout: accounts, contracts, price book, invoices, "
        + "usage and seat events, with leaks of every type and event noise (duplicates, conflicts, corrections, "
        + "late and out-of-order events, offsets, malformed lines, unknown workspaces and metrics).",
        "The same options always give the same bytes. _generator/injected_leaks.csv lists the leaks injected.",
        "--shapes also gives some rule-clean accounts a leak shape no rule checks (price drift, under-reported "
            + "workspace, seat freeze, another plan's overage rate, usage billed a month late), labelled per "
            + "contract-month in shape_labels.csv in a folder outside the dataset (--labels)."})
public final class GenerateCommand implements Callable<Integer> {

  /** The shape rate of {@code --shapes}. */
  static final String SHAPES_RATE = "0.12";

  @Option(names = "--accounts", defaultValue = "200", paramLabel = "N", description = "Accounts (default: ${DEFAULT-VALUE}).")
  int accounts;

  @Option(names = "--usage-months", defaultValue = "12", paramLabel = "K",
      description = "Months of usage history up to the as-of date (default: ${DEFAULT-VALUE}).")
  int usageMonths;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "The dataset's as-of date (default: today, UTC).")
  String asOf;

  @Option(names = "--usage-events", defaultValue = "0", paramLabel = "N",
      description = "Usage events to write in all (default: natural density, a few per workspace and day).")
  long usageEvents;

  @Option(names = "--noise-rate", defaultValue = "0.01", paramLabel = "R",
      description = "Share of events with noise, 0..0.2 (default: ${DEFAULT-VALUE}).")
  double noiseRate;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The dataset folder to write.")
  Path out;

  @Option(names = "--shapes", description = "Give a share of the rule-clean accounts a labelled leak shape "
      + "(rate " + SHAPES_RATE + " unless --shape-rate says otherwise).")
  boolean shapes;

  @Option(names = "--shape-rate", paramLabel = "R",
      description = "Share of rule-clean accounts with a leak shape, 0..0.5 (default: 0, or " + SHAPES_RATE
          + " with --shapes).")
  Double shapeRate;

  @Option(names = "--labels", paramLabel = "DIR",
      description = "Where the shape labels go, outside the dataset (default: <out>.labels next to --out).")
  Path labels;

  @Option(names = {"-q", "--quiet"}, description = "Print only the summary.")
  boolean quiet;

  @Override
  public Integer call() throws Exception {
    double rate = shapeRate != null ? shapeRate : shapes ? Double.parseDouble(SHAPES_RATE) : 0;
    GeneratorConfig config = GeneratorConfig.defaults(accounts, usageMonths, seed, parseAsOf(asOf))
        .withUsageEvents(usageEvents).withNoiseRate(noiseRate).withShapeRate(rate);
    Console console = new Console(System.out, quiet ? Console.Verbosity.QUIET : Console.Verbosity.NORMAL);
    GenerationSummary summary = generate(config, out, labels, console);
    console.line(String.format(Locale.ROOT, "Wrote %s: %,d accounts, %,d usage and %,d seat event lines, as of %s.",
        out, accounts, summary.linesOf("usage_events"), summary.linesOf("seat_events"), config.asOf()));
    console.line("Injected leaks: " + summary.injectedLeaks().entrySet().stream()
        .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("none"));
    if (summary.labels() != null) {
      console.line("Leak shapes (labels in " + summary.labels() + "): " + summary.shapes().entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse("none"));
    }
    return 0;
  }

  public static GenerationSummary generate(GeneratorConfig config, Path out, Console console) {
    return generate(config, out, null, console);
  }

  /** Generates with progress on the console; shape labels go to {@code labels} (null for the default). */
  public static GenerationSummary generate(GeneratorConfig config, Path out, Path labels, Console console) {
    long[] last = {0};
    try (Console.Progress progress = console.progress("generate", 1, "lines")) {
      return new DatasetGenerator().generate(config, out, labels, (written, total) -> {
        if (last[0] == 0) {
          progress.max(total);
        }
        last[0] = written;
        progress.set(written);
      });
    }
  }

  static LocalDate parseAsOf(String text) throws UsageException {
    if (text == null) {
      return LocalDate.now(ZoneOffset.UTC);
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new UsageException("Invalid --as-of: '" + text + "' is not a YYYY-MM-DD date");
    }
  }

}
