package dev.leakproof.pipelines.hygiene;

import dev.leakproof.pipelines.source.SourceNames;
import dev.leakproof.schemas.events.EventLine;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes raw lines and runs the stateless checks on them. Lines that are not a JSON object or
 * lack a required field go straight to the quarantine side output: they never take part in the
 * duplicate check. Every other line goes on with its check verdict, which the duplicate check
 * applies only if the line is the first of its event id (the spec's order of reasons). A
 * collected event's timestamp is judged against the UTC date the collector took it, so a replay
 * judges it the same way; a line of a file against the run's as-of date.
 */
public final class DecodeFunction extends ProcessFunction<EventLine, EventRecord> {

  private static final long serialVersionUID = 1L;

  /** Prefix of the accumulator counting lines read, followed by the stream key. */
  public static final String LINES_READ = "lines-read-";

  private final ReferenceSource reference;
  private final SourceNames sources;
  private final String progressKey;
  private transient LineChecks checks;
  private transient LongCounter linesRead;
  private transient AtomicLong localProgress;

  /**
   * @param sources the stream's sources, to find a line's index when it does not carry one
   * @param progressKey names the {@link LocalProgress} counter this operator adds to
   */
  public DecodeFunction(ReferenceSource reference, SourceNames sources, String progressKey) {
    this.reference = reference;
    this.sources = sources;
    this.progressKey = progressKey;
  }

  @Override
  public void open(OpenContext openContext) {
    checks = new LineChecks(reference, sources);
    linesRead = new LongCounter();
    localProgress = LocalProgress.counter(progressKey);
  }

  @Override
  public void processElement(EventLine line, Context ctx, Collector<EventRecord> out) {
    if (line.isHeartbeat()) {
      return; // it has moved the watermark on at the source; it holds no event
    }
    if (linesRead.getLocalValuePrimitive() == 0) {
      getRuntimeContext().addAccumulator(LINES_READ + line.stream().key(), linesRead);
    }
    linesRead.add(1);
    localProgress.incrementAndGet();
    EventRecord record = checks.check(line);
    if (record != null) {
      out.collect(record);
    } else {
      ctx.output(HygieneOutputs.QUARANTINE, checks.early());
    }
  }
}
