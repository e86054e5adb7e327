package dev.leakproof.datagen;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Times dataset generation (not a test: run it by hand). Arguments: accounts, usage months, usage
 * events, output folder. Prints events per second for each of three runs into the same folder.
 */
public final class GeneratorBench {

  private GeneratorBench() {}

  public static void main(String[] args) throws Exception {
    int accounts = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int months = args.length > 1 ? Integer.parseInt(args[1]) : 12;
    long events = args.length > 2 ? Long.parseLong(args[2]) : 1_000_000;
    Path out = args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("leakproof-bench");
    GeneratorConfig config = new GeneratorConfig(accounts, months, 42, LocalDate.of(2026, 6, 15), events, 0.01);
    for (int run = 1; run <= 3; run++) {
      long start = System.nanoTime();
      GenerationSummary s = new DatasetGenerator().generate(config, out, ProgressListener.NONE);
      double seconds = (System.nanoTime() - start) / 1e9;
      long lines = s.linesOf("usage_events") + s.linesOf("seat_events");
      System.out.printf("run %d: %,d usage events, %,d event lines in %.2f s = %,.0f usage events/s%n",
          run, s.usageEvents(), lines, seconds, s.usageEvents() / seconds);
    }
  }
}
