package dev.leakproof.cli.sync;

import dev.leakproof.cli.support.Console;
import dev.leakproof.connectors.sync.Plan;
import dev.leakproof.connectors.sync.SyncListener;
import java.time.Duration;
import java.util.Locale;

/** Shows a run as it goes: the plan's counts, a progress bar, retries and splits. */
final class ConsoleListener implements SyncListener, AutoCloseable {

  private final Console console;
  private final String sync;
  private final long start = System.nanoTime();
  private Console.Progress progress;

  ConsoleListener(Console console, String sync) {
    this.console = console;
    this.sync = sync;
  }

  @Override
  public void reconciled(String jobId, int records) {
    console.step(elapsed(), String.format(Locale.ROOT, "%s: settled %,d records of job %s left by an interrupted run",
        sync, records, jobId));
  }

  @Override
  public void planned(Plan plan) {
    console.step(elapsed(), String.format(Locale.ROOT, "%s: planned %,d creates, %,d updates, %,d deletes "
        + "(%,d unchanged of %,d rows%s)", sync, plan.count(Plan.Kind.CREATE), plan.count(Plan.Kind.UPDATE),
        plan.count(Plan.Kind.DELETE), plan.unchanged(), plan.sourceRows(),
        plan.retries() == 0 ? "" : String.format(Locale.ROOT, "; %,d sent again", plan.retries())));
    if (!plan.changes().isEmpty()) {
      progress = console.progress(sync, plan.changes().size(), "records");
    }
  }

  @Override
  public void progress(long done, long total) {
    if (progress != null) {
      progress.set(done);
    }
  }

  @Override
  public void retrying(int attempt, Duration wait, String reason) {
    console.step(elapsed(), String.format(Locale.ROOT, "%s: attempt %d in %.1f s after %s", sync, attempt,
        wait.toMillis() / 1000.0, reason));
  }

  @Override
  public void splitting(int size, String reason) {
    console.step(elapsed(), String.format(Locale.ROOT, "%s: a batch of %,d was refused whole (%s); halving it to "
        + "find the bad rows", sync, size, reason));
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public void close() {
    if (progress != null) {
      progress.close();
      progress = null;
    }
  }
}
