package dev.leakproof.pipelines.hygiene;

import dev.leakproof.schemas.events.ReferenceData;
import dev.leakproof.schemas.events.ReferenceFiles;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Where the decode operator gets the reference data it checks events against: fixed for a
 * bounded run (the dataset's tables as of the run's date), or a folder of reference files reread
 * when they change, for a job that runs for months.
 */
public interface ReferenceSource extends Serializable {

  /** The reference in force now. The same object is returned until the data changes. */
  ReferenceData current();

  /** A fixed reference. */
  static ReferenceSource fixed(ReferenceData data) {
    return new Fixed(data);
  }

  /**
   * The workspaces and metrics of {@code dir}'s workspaces.csv and price_book.csv, reread at most
   * every {@code recheckMillis} when they changed; the as-of date is today's UTC date.
   */
  static ReferenceSource files(Path dir, long recheckMillis) {
    return new Files(new ReferenceFiles(dir, recheckMillis));
  }

  /** A fixed reference. */
  record Fixed(ReferenceData data) implements ReferenceSource {
    @Override
    public ReferenceData current() {
      return data;
    }
  }

  /** Reference files reread when they change. */
  final class Files implements ReferenceSource {
    private static final long serialVersionUID = 1L;
    private final ReferenceFiles files;
    private transient ReferenceFiles.Snapshot seen;
    private transient LocalDate seenDate;
    private transient ReferenceData data;

    Files(ReferenceFiles files) {
      this.files = files;
    }

    @Override
    public synchronized ReferenceData current() {
      ReferenceFiles.Snapshot now = files.current();
      LocalDate today = LocalDate.now(ZoneOffset.UTC);
      if (now != seen || !today.equals(seenDate)) {
        seen = now;
        seenDate = today;
        data = now.referenceData(today);
      }
      return data;
    }
  }
}
