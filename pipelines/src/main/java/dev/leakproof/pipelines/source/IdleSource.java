package dev.leakproof.pipelines.source;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SourceSplit;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * A source that never emits and never ends, and says it is idle so it never holds a watermark
 * back. An ingestion run unions it with its bounded file sources: when the files are read, the
 * hygiene operators and the lake writers stay running, so the run can stop with a savepoint that
 * the next day's run resumes from (a job whose tasks all finished cannot).
 */
public final class IdleSource<T> implements Source<T, IdleSource.NoSplit, Void> {

  private static final long serialVersionUID = 1L;

  /** The split type of a source that has none. */
  public static final class NoSplit implements SourceSplit {
    @Override
    public String splitId() {
      return "none";
    }
  }

  @Override
  public Boundedness getBoundedness() {
    return Boundedness.CONTINUOUS_UNBOUNDED;
  }

  @Override
  public SplitEnumerator<NoSplit, Void> createEnumerator(SplitEnumeratorContext<NoSplit> context) {
    return new Enumerator();
  }

  @Override
  public SplitEnumerator<NoSplit, Void> restoreEnumerator(SplitEnumeratorContext<NoSplit> context, Void checkpoint) {
    return new Enumerator();
  }

  @Override
  public SimpleVersionedSerializer<NoSplit> getSplitSerializer() {
    return new SimpleVersionedSerializer<>() {
      @Override
      public int getVersion() {
        return 1;
      }

      @Override
      public byte[] serialize(NoSplit split) {
        return new byte[0];
      }

      @Override
      public NoSplit deserialize(int version, byte[] serialized) {
        return new NoSplit();
      }
    };
  }

  @Override
  public SimpleVersionedSerializer<Void> getEnumeratorCheckpointSerializer() {
    return new SimpleVersionedSerializer<>() {
      @Override
      public int getVersion() {
        return 1;
      }

      @Override
      public byte[] serialize(Void v) {
        return new byte[0];
      }

      @Override
      public Void deserialize(int version, byte[] serialized) {
        return null;
      }
    };
  }

  @Override
  public SourceReader<T, NoSplit> createReader(SourceReaderContext context) {
    return new Reader<>();
  }

  private static final class Enumerator implements SplitEnumerator<NoSplit, Void> {
    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<NoSplit> splits, int subtaskId) {}

    @Override
    public void addReader(int subtaskId) {}

    @Override
    public Void snapshotState(long checkpointId) {
      return null;
    }

    @Override
    public void close() {}
  }

  private static final class Reader<T> implements SourceReader<T, NoSplit> {
    private final CompletableFuture<Void> never = new CompletableFuture<>();
    private boolean idle;

    @Override
    public void start() {}

    @Override
    public InputStatus pollNext(ReaderOutput<T> output) {
      if (!idle) {
        output.markIdle();
        idle = true;
      }
      return InputStatus.NOTHING_AVAILABLE;
    }

    @Override
    public List<NoSplit> snapshotState(long checkpointId) {
      return List.of();
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
      return never;
    }

    @Override
    public void addSplits(List<NoSplit> splits) {}

    @Override
    public void notifyNoMoreSplits() {}

    @Override
    public void close() {
      never.complete(null);
    }
  }
}
