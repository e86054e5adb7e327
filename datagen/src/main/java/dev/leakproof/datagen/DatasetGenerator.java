package dev.leakproof.datagen;

import dev.leakproof.core.DatasetLayout;
import dev.leakproof.core.EventStream;
import dev.leakproof.core.LeakType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generates a dataset in the layout of the leak rules spec: the six CSV tables, usage and seat
 * events split over numbered JSON-lines files, and {@code _generator/} with the leaks injected on
 * purpose ({@code injected_leaks.csv}) and a summary. With a shape rate above 0, some rule-clean
 * accounts also get a leak shape no rule checks ({@link ShapeKind}), labelled in a folder outside
 * the dataset; nothing in the dataset says which accounts have one. The same configuration always
 * yields the same bytes. Memory stays bounded by accounts and months, not by the number of events.
 */
public final class DatasetGenerator {

  /** The folder inside the dataset that holds the generator's own records; the audit ignores it. */
  public static final String GENERATOR_DIR = "_generator";
  public static final String INJECTED_LEAKS = "injected_leaks.csv";
  public static final String SUMMARY = "summary.json";

  /**
   * Writes the dataset into {@code outDir} (created if needed; event files of an earlier run there
   * are replaced) and reports progress of the event files to the listener (null for none). With
   * shapes on, their labels go to {@link #defaultLabelsDir}.
   *
   * @throws java.io.UncheckedIOException naming the folder when it cannot be written
   */
  public GenerationSummary generate(GeneratorConfig config, Path outDir, ProgressListener listener) {
    return generate(config, outDir, config.shapes() ? defaultLabelsDir(outDir) : null, listener);
  }

  /**
   * Writes the dataset into {@code outDir} as {@link #generate(GeneratorConfig, Path, ProgressListener)}
   * does and, with shapes on, the shapes' labels into {@code labelsDir} (null for
   * {@link #defaultLabelsDir}); with shapes off nothing is written there.
   *
   * @throws IllegalArgumentException when shapes are on and the labels folder is inside the dataset
   * @throws java.io.UncheckedIOException naming the folder when it cannot be written
   */
  public GenerationSummary generate(GeneratorConfig config, Path outDir, Path labelsDir, ProgressListener listener) {
    Path labels = null;
    if (config.shapes()) {
      labels = (labelsDir == null ? defaultLabelsDir(outDir) : labelsDir).toAbsolutePath().normalize();
      if (labels.startsWith(outDir.toAbsolutePath().normalize())) {
        throw new IllegalArgumentException("Invalid labels folder: " + labelsDir
            + " (must be outside the dataset folder " + outDir + ")");
      }
    }
    try {
      return run(config, outDir, labels, listener == null ? ProgressListener.NONE : listener);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write dataset to " + outDir + ": " + e.getMessage(), e);
    }
  }

  /** The labels folder next to the dataset folder: {@code <dataset folder name>.labels}. */
  public static Path defaultLabelsDir(Path outDir) {
    Path dir = outDir.toAbsolutePath().normalize();
    return dir.resolveSibling(dir.getFileName() + ".labels");
  }

  private GenerationSummary run(GeneratorConfig config, Path dir, Path labelsDir, ProgressListener listener)
      throws IOException {
    Files.createDirectories(dir.resolve(GENERATOR_DIR));
    removeOldEventFiles(dir);
    List<AccountPlan> plans = new AccountPlanner(config).plan();
    byte[][] wsIds = workspaceIds(plans);
    SeatLog seats = new SeatLog();
    SeatSimulator simulator = new SeatSimulator(config);
    plans.forEach(a -> simulator.simulate(a, seats));
    SlotWalker walker = new SlotWalker(config, plans, wsIds.length);
    UsageStats stats = new UsageStats(config, plans);
    walker.walk(stats);
    ShapeLabels shapeLabels = new ShapeLabels(config);
    if (config.shapes()) {
      stats = shape(config, plans, seats, walker, stats, shapeLabels);
    }
    SeatWriter seatWriter = new SeatWriter(config, seats, wsIds);

    Map<String, Long> files = new LinkedHashMap<>();
    SourceTables.write(dir, plans, config.asOf(), files);
    InvoiceBuilder invoices = new InvoiceBuilder(config, stats, shapeLabels);
    List<InjectedLeak> leaks = invoicesAndLeaks(config, dir, plans, invoices, stats, files);

    Progress progress = new Progress(listener, stats.lines() + seatWriter.lines());
    files.putAll(seatWriter.write(dir, progress));
    SplitFileWriter out = new SplitFileWriter(dir, EventStream.USAGE.filePrefix(), stats.lines());
    UsageWriter usageWriter = new UsageWriter(config, stats.events(), wsIds, out, progress);
    try (out) {
      walker.walk(usageWriter);
      usageWriter.finish();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    files.putAll(out.counts());
    progress.done();
    Map<String, Long> shapes = new LinkedHashMap<>();
    if (labelsDir != null) {
      shapes = ShapeLabels.instances(plans);
      shapeLabels.write(labelsDir, shapes);
    }
    return summarize(config, dir, plans, leaks, files, stats, seats, seatWriter, invoices,
        usageWriter.emitter().observed(), labelsDir, shapes);
  }

  /**
   * Draws the leak shapes from the usage before shapes, freezes seats and labels the usage and seat
   * shapes; returns the usage as reported after the shapes (counted again when a shape changed it).
   */
  private static UsageStats shape(GeneratorConfig config, List<AccountPlan> plans, SeatLog seats,
      SlotWalker walker, UsageStats before, ShapeLabels labels) {
    new ShapePlanner(config).plan(plans, before);
    YearMonth lastClosed = YearMonth.from(config.asOf()).minusMonths(1);
    boolean usageChanged = false;
    for (AccountPlan a : plans) {
      if (a.shape == null || a.shape.kind().billing) {
        continue;
      }
      if (a.shape.kind() == ShapeKind.SEAT_FREEZE) {
        SeatSimulator.freeze(a, seats, a.shape.from());
      }
      labels.addReported(a, lastClosed);
      usageChanged = true;
    }
    if (!usageChanged) {
      return before;
    }
    UsageStats after = new UsageStats(config, plans);
    walker.walk(after);
    return after;
  }

  private static List<InjectedLeak> invoicesAndLeaks(GeneratorConfig config, Path dir, List<AccountPlan> plans,
      InvoiceBuilder builder, UsageStats stats, Map<String, Long> files) throws IOException {
    LeakOracle oracle = new LeakOracle(config, stats);
    List<InjectedLeak> leaks = new ArrayList<>();
    try (CsvWriter invoices = new CsvWriter(dir.resolve(DatasetLayout.INVOICES), SourceTables.INVOICES);
        CsvWriter lines = new CsvWriter(dir.resolve(DatasetLayout.INVOICE_LINES), SourceTables.INVOICE_LINES)) {
      for (AccountPlan a : plans) {
        List<InvoiceBuilder.Bill> bills = builder.build(a);
        for (InvoiceBuilder.Bill bill : bills) {
          SourceTables.invoice(invoices, lines, bill);
        }
        leaks.addAll(oracle.evaluate(a, bills));
      }
      files.put(DatasetLayout.INVOICES, invoices.rows());
      files.put(DatasetLayout.INVOICE_LINES, lines.rows());
    }
    return leaks;
  }

  private static GenerationSummary summarize(GeneratorConfig config, Path dir, List<AccountPlan> plans,
      List<InjectedLeak> leaks, Map<String, Long> files, UsageStats stats, SeatLog seats, SeatWriter seatWriter,
      InvoiceBuilder invoices, Map<String, Long> observed, Path labelsDir, Map<String, Long> shapes)
      throws IOException {
    InjectedLeaksCsv.write(dir.resolve(GENERATOR_DIR).resolve(INJECTED_LEAKS), leaks);
    Map<String, Long> leakCounts = new LinkedHashMap<>();
    for (LeakType t : LeakType.values()) {
      leakCounts.put(t.code(), leaks.stream().filter(l -> l.leakType() == t).count());
    }
    java.util.Set<String> leaky = new java.util.HashSet<>(leaks.stream().map(InjectedLeak::accountId).toList());
    List<String> clean = new ArrayList<>();
    List<String> demoted = new ArrayList<>();
    for (AccountPlan a : plans) {
      if (a.clean()) {
        (leaky.contains(a.id) ? demoted : clean).add(a.id);
      }
    }
    Map<String, Long> usageNoise = new LinkedHashMap<>();
    for (UsageNoise kind : UsageNoise.values()) {
      if (kind != UsageNoise.NONE) {
        usageNoise.put(kind.code(), stats.kindCount(kind));
      }
    }
    GenerationSummary summary = new GenerationSummary(config, files, stats.events(), seats.written(), usageNoise,
        seatWriter.noise(), invoices.noise(), leakCounts, clean, labelsDir, shapes);
    SummaryJson.write(dir.resolve(GENERATOR_DIR).resolve(SUMMARY), summary, observed, demoted);
    return summary;
  }

  private static byte[][] workspaceIds(List<AccountPlan> plans) {
    int total = plans.stream().mapToInt(a -> a.wsCount).sum();
    byte[][] ids = new byte[total][];
    for (AccountPlan a : plans) {
      for (int w = 0; w < a.wsCount; w++) {
        ids[a.wsBase + w] = JsonLine.ascii(SourceTables.workspaceId(a, w));
      }
    }
    return ids;
  }

  /** Event files of an earlier run would be read with the new ones; only those are removed. */
  private static void removeOldEventFiles(Path dir) throws IOException {
    try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "{usage_events,seat_events}*.jsonl")) {
      for (Path p : old) {
        Files.delete(p);
      }
    }
  }
}
