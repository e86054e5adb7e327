package dev.leakproof.pipelines.hygiene;

import dev.leakproof.pipelines.source.SourceNames;
import dev.leakproof.schemas.events.EventLine;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.connector.file.src.util.RecordAndPosition;

/**
 * A lines format whose reader also decodes and checks each line ({@link LineChecks}, which holds
 * no state between lines). The file source calls a reader from its fetcher thread, so a bounded
 * run's decoding happens there, a batch ahead of the task thread that deduplicates and writes:
 * two cores at work on one stream in arrival order, with nothing serialized between them.
 * Positions are the wrapped format's.
 */
public final class CheckingLinesFormat implements BulkFormat<CheckedLine, FileSourceSplit> {

  private static final long serialVersionUID = 1L;

  private final BulkFormat<EventLine, FileSourceSplit> lines;
  private final ReferenceSource reference;
  private final SourceNames sources;

  public CheckingLinesFormat(BulkFormat<EventLine, FileSourceSplit> lines, ReferenceSource reference,
      SourceNames sources) {
    this.lines = lines;
    this.reference = reference;
    this.sources = sources;
  }

  @Override
  public Reader<CheckedLine> createReader(Configuration config, FileSourceSplit split) throws IOException {
    return new CheckingReader(lines.createReader(config, split), new LineChecks(reference, sources));
  }

  @Override
  public Reader<CheckedLine> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
    return new CheckingReader(lines.restoreReader(config, split), new LineChecks(reference, sources));
  }

  @Override
  public boolean isSplittable() {
    return lines.isSplittable();
  }

  @Override
  public TypeInformation<CheckedLine> getProducedType() {
    return TypeInformation.of(CheckedLine.class);
  }

  private static final class CheckingReader implements Reader<CheckedLine> {
    private final Reader<EventLine> lines;
    private final LineChecks checks;

    CheckingReader(Reader<EventLine> lines, LineChecks checks) {
      this.lines = lines;
      this.checks = checks;
    }

    @Override
    public RecordIterator<CheckedLine> readBatch() throws IOException {
      RecordIterator<EventLine> batch = lines.readBatch();
      if (batch == null) {
        return null;
      }
      try {
        CheckedLine[] checked = new CheckedLine[1024];
        int n = 0;
        long offset = CheckpointedPosition.NO_OFFSET;
        long skipBefore = 0;
        RecordAndPosition<EventLine> next;
        while ((next = batch.next()) != null) {
          if (n == 0) {
            offset = next.getOffset();
            skipBefore = next.getRecordSkipCount() - 1;
          }
          if (n == checked.length) {
            checked = java.util.Arrays.copyOf(checked, n * 2);
          }
          EventLine line = next.getRecord();
          if (line.isHeartbeat()) {
            checked[n++] = new CheckedLine(line, null, null);
            continue;
          }
          EventRecord event = checks.check(line);
          checked[n++] = new CheckedLine(line, event, event == null ? checks.early() : null);
        }
        if (n == 0) {
          return readBatch();
        }
        ArrayResultIterator<CheckedLine> result = new ArrayResultIterator<>();
        result.set(checked, n, offset, skipBefore);
        return result;
      } finally {
        batch.releaseBatch();
      }
    }

    @Override
    public void close() throws IOException {
      lines.close();
    }
  }
}
