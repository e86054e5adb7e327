package dev.leakproof.pipelines.source;

import dev.leakproof.core.EventStream;
import dev.leakproof.schemas.events.EventLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.reader.BulkFormat;
import org.apache.flink.connector.file.src.util.ArrayResultIterator;
import org.apache.flink.connector.file.src.util.CheckpointedPosition;
import org.apache.flink.core.fs.FSDataInputStream;
import org.apache.flink.core.fs.Path;

/**
 * Reads a JSON-lines event file as {@link EventLine}s that keep their file name, line number and
 * place in arrival order. Files are not split: a line's number is only known by reading from the
 * top. The checkpointed position is the number of lines already emitted, so a restored reader
 * re-reads the file and skips them, and no line is emitted twice or lost.
 */
public final class JsonLinesFormat implements BulkFormat<EventLine, FileSourceSplit> {

  private static final long serialVersionUID = 1L;
  private static final int BATCH = 1024;

  private final EventStream stream;
  private final Map<String, Integer> fileIndex;
  private final int run;

  /**
   * @param files the stream's files in arrival (file-name) order; a line's sequence is derived
   *     from its file's position in this list
   * @param run the ingestion run into a lasting lake (0 for a one-off run), the high bits of the sequence
   */
  public JsonLinesFormat(EventStream stream, List<String> files, int run) {
    this.stream = stream;
    this.run = run;
    Map<String, Integer> index = new java.util.HashMap<>();
    for (int i = 0; i < files.size(); i++) {
      index.put(new Path(files.get(i)).getName(), i);
    }
    this.fileIndex = Map.copyOf(index);
  }

  @Override
  public Reader<EventLine> createReader(Configuration config, FileSourceSplit split) throws IOException {
    return new LineReader(split, 0);
  }

  @Override
  public Reader<EventLine> restoreReader(Configuration config, FileSourceSplit split) throws IOException {
    long emitted = split.getReaderPosition().map(CheckpointedPosition::getRecordsAfterOffset).orElse(0L);
    return new LineReader(split, emitted);
  }

  @Override
  public boolean isSplittable() {
    return false;
  }

  @Override
  public TypeInformation<EventLine> getProducedType() {
    return TypeInformation.of(EventLine.class);
  }

  private final class LineReader implements Reader<EventLine> {

    private final BufferedReader in;
    private final String fileName;
    private final int index;
    private long lineNo;

    LineReader(FileSourceSplit split, long skip) throws IOException {
      Path path = split.path();
      this.fileName = path.getName();
      Integer i = fileIndex.get(fileName);
      if (i == null) {
        throw new IOException("Cannot read " + path + ": not one of the " + stream.key() + " files of this job");
      }
      this.index = i;
      FSDataInputStream raw = path.getFileSystem().open(path);
      this.in = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8), 1 << 20);
      while (lineNo < skip && in.readLine() != null) {
        lineNo++;
      }
    }

    @Override
    public RecordIterator<EventLine> readBatch() throws IOException {
      EventLine[] batch = new EventLine[BATCH];
      long before = lineNo;
      int n = 0;
      String text;
      while (n < BATCH && (text = in.readLine()) != null) {
        lineNo++;
        batch[n++] = new EventLine(stream, fileName, lineNo, EventLine.sequence(run, index, lineNo), text, index,
            EventLine.NOT_COLLECTED);
      }
      if (n == 0) {
        return null;
      }
      ArrayResultIterator<EventLine> iterator = new ArrayResultIterator<>();
      iterator.set(batch, n, CheckpointedPosition.NO_OFFSET, before);
      return iterator;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
