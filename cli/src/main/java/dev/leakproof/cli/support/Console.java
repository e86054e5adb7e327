package dev.leakproof.cli.support;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What a command tells the person running it: steps with their timings, progress bars for long
 * work, and the final summary. Quiet mode keeps only the summary and errors.
 */
public final class Console {

  /** Whether step lines and progress bars are shown. */
  public enum Verbosity { NORMAL, QUIET }

  private final PrintStream out;
  private final Verbosity verbosity;

  public Console(PrintStream out, Verbosity verbosity) {
    this.out = out;
    this.verbosity = verbosity;
  }

  public static Console stdout() {
    return new Console(System.out, Verbosity.NORMAL);
  }

  /** A step line: {@code [ 3.2s] loaded 6 source tables (12,345 rows, 3 rejected)}. */
  public void step(Duration elapsed, String message) {
    if (verbosity == Verbosity.NORMAL) {
      out.printf(Locale.ROOT, "[%6.1fs] %s%n", elapsed.toMillis() / 1000.0, message);
    }
  }

  public void line(String message) {
    out.println(message);
  }

  /**
   * A progress bar on a terminal; when the output is not a terminal (a log, CI), a line at every
   * quarter instead; nothing in quiet mode. Close it when done.
   */
  public Progress progress(String task, long total, String unit) {
    if (verbosity == Verbosity.QUIET) {
      return new Progress(null, null);
    }
    if (System.console() == null) {
      return new Progress(null, new Quarters(out, task, total, unit));
    }
    ProgressBar bar = new ProgressBarBuilder()
        .setTaskName(task)
        .setInitialMax(total)
        .setUnit(" " + unit, 1)
        .setStyle(ProgressBarStyle.ASCII)
        .showSpeed()
        .setUpdateIntervalMillis(250)
        .continuousUpdate()
        .build();
    return new Progress(bar, null);
  }

  /** A progress bar handle. */
  public static final class Progress implements AutoCloseable {
    private final ProgressBar bar;
    private final Quarters quarters;

    Progress(ProgressBar bar, Quarters quarters) {
      this.bar = bar;
      this.quarters = quarters;
    }

    public void max(long total) {
      if (bar != null) {
        bar.maxHint(total);
      }
      if (quarters != null) {
        quarters.total = total;
      }
    }

    public void set(long done) {
      if (bar != null) {
        bar.stepTo(done);
      }
      if (quarters != null) {
        quarters.set(done);
      }
    }

    @Override
    public void close() {
      if (bar != null) {
        bar.close();
      }
    }
  }

  /** Progress for logs: one line each time another quarter of the work is done. */
  private static final class Quarters {
    private final PrintStream out;
    private final String task;
    private final String unit;
    private long total;
    private int printed;

    Quarters(PrintStream out, String task, long total, String unit) {
      this.out = out;
      this.task = task;
      this.total = total;
      this.unit = unit;
    }

    void set(long done) {
      if (total <= 0) {
        return;
      }
      int quarter = (int) Math.min(4, done * 4 / total);
      if (quarter > printed) {
        printed = quarter;
        out.printf(Locale.ROOT, "  %s: %d%% (%,d of %,d %s)%n", task, quarter * 25, done, total, unit);
      }
    }
  }
}
