package dev.leakproof.datagen;

/**
 * Told how far event generation got, for a progress bar: called at most a few hundred times per
 * run, with the event lines written so far and the total planned (usage and seat lines together).
 */
@FunctionalInterface
public interface ProgressListener {

  /** A listener that ignores progress. */
  ProgressListener NONE = (written, total) -> { };

  void progress(long written, long total);
}
