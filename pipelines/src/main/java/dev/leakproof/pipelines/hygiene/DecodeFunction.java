package dev.leakproof.pipelines.hygiene;

import dev.leakproof.schemas.events.DecodedEvent;
import dev.leakproof.schemas.events.EventLine;
import dev.leakproof.schemas.events.EventLineDecoder;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes raw lines; lines that are not a JSON object or lack a required field go straight to the
 * quarantine side output, as they never take part in the duplicate check.
 */
public final class DecodeFunction extends ProcessFunction<EventLine, DecodedEvent> {

  private static final long serialVersionUID = 1L;

  /** Prefix of the accumulator counting lines read, followed by the stream key. */
  public static final String LINES_READ = "lines-read-";

  private final String progressKey;
  private transient EventLineDecoder decoder;
  private transient LongCounter linesRead;
  private transient java.util.concurrent.atomic.AtomicLong localProgress;

  /**
   * @param progressKey names the {@link LocalProgress} counter this operator adds to
   */
  public DecodeFunction(String progressKey) {
    this.progressKey = progressKey;
  }

  @Override
  public void open(OpenContext openContext) {
    decoder = new EventLineDecoder();
    linesRead = new LongCounter();
    localProgress = LocalProgress.counter(progressKey);
  }

  @Override
  public void processElement(EventLine line, Context ctx, Collector<DecodedEvent> out) {
    if (linesRead.getLocalValuePrimitive() == 0) {
      getRuntimeContext().addAccumulator(LINES_READ + line.stream().key(), linesRead);
    }
    linesRead.add(1);
    localProgress.incrementAndGet();
    DecodedEvent event = decoder.decode(line);
    if (event.decoded()) {
      out.collect(event);
    } else {
      ctx.output(HygieneOutputs.QUARANTINE, QuarantinedLine.of(event, event.early()));
    }
  }
}
