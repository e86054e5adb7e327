package dev.leakproof.datagen;

/** Counts event lines written across both streams and tells the listener about every 0.5%. */
final class Progress {

  private final ProgressListener listener;
  private final long total;
  private final long step;
  private long written;
  private long next;

  Progress(ProgressListener listener, long total) {
    this.listener = listener;
    this.total = total;
    this.step = Math.max(1, total / 200);
    this.next = step;
  }

  void add(long lines) {
    written += lines;
    if (written >= next) {
      next = written + step;
      listener.progress(written, total);
    }
  }

  void done() {
    listener.progress(written, total);
  }
}
