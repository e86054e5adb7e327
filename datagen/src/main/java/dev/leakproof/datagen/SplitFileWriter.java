package dev.leakproof.datagen;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes one kind of JSON-lines events into numbered files ({@code usage_events_001.jsonl}, ...)
 * of at most a million lines, spread evenly, and at least two files when there is any line, so
 * readers exercise multi-file ordering. The total must be known up front.
 */
final class SplitFileWriter implements AutoCloseable {

  static final long MAX_LINES_PER_FILE = 1_000_000;

  private final Path dir;
  private final String prefix;
  private final int fileCount;
  private final long perFile;
  private final long total;
  private final byte[] buffer = new byte[1 << 20];
  private final Map<String, Long> counts = new LinkedHashMap<>();
  private int pos;
  private int fileNo;
  private long inFile;
  private long written;
  private OutputStream out;
  private boolean closed;

  SplitFileWriter(Path dir, String prefix, long total) throws IOException {
    this.dir = dir;
    this.prefix = prefix;
    this.total = total;
    this.fileCount = total == 0 ? 1 : (int) Math.max(2, (total + MAX_LINES_PER_FILE - 1) / MAX_LINES_PER_FILE);
    this.perFile = (total + fileCount - 1) / fileCount;
    open();
  }

  static String fileName(String prefix, int no) {
    return String.format("%s_%03d.jsonl", prefix, no);
  }

  /** Writes the line and a newline. */
  void line(byte[] bytes, int length) throws IOException {
    if (inFile == perFile && fileNo < fileCount) {
      open();
    }
    if (pos + length + 1 > buffer.length) {
      drain();
    }
    if (length + 1 > buffer.length) {
      out.write(bytes, 0, length);
      out.write('\n');
    } else {
      System.arraycopy(bytes, 0, buffer, pos, length);
      pos += length;
      buffer[pos++] = '\n';
    }
    inFile++;
    written++;
  }

  /** Lines per file name, once closed. */
  Map<String, Long> counts() {
    return counts;
  }

  private void open() throws IOException {
    closeCurrent();
    fileNo++;
    inFile = 0;
    out = new FileOutputStream(dir.resolve(fileName(prefix, fileNo)).toFile());
  }

  private void closeCurrent() throws IOException {
    if (out != null) {
      drain();
      out.close();
      counts.put(fileName(prefix, fileNo), inFile);
    }
  }

  private void drain() throws IOException {
    out.write(buffer, 0, pos);
    pos = 0;
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    while (fileNo < fileCount) {
      open();
    }
    closeCurrent();
    out = null;
    if (written != total) {
      throw new IllegalStateException("Cannot split " + prefix + ": wrote " + written + " lines, planned " + total);
    }
  }
}
