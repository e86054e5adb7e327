package dev.leakproof.pipelines.hygiene;

import dev.leakproof.schemas.events.DecodedEvent;
import dev.leakproof.schemas.events.EventLine;
import dev.leakproof.schemas.events.EventLineDecoder;
import dev.leakproof.schemas.events.EventValidator;
import dev.leakproof.schemas.events.ReferenceData;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decodes raw lines and runs the stateless checks on them. Lines that are not a JSON object or
 * lack a required field go straight to the quarantine side output: they never take part in the
 * duplicate check. Every other line goes on with its check verdict, which the duplicate check
 * applies only if the line is the first of its event id (the spec's order of reasons).
 */
public final class DecodeFunction extends ProcessFunction<EventLine, EventRecord> {

  private static final long serialVersionUID = 1L;

  /** Prefix of the accumulator counting lines read, followed by the stream key. */
  public static final String LINES_READ = "lines-read-";

  private final EventValidator validator;
  private final List<String> fileNames;
  private final String progressKey;
  private transient Map<String, Integer> fileIndex;
  private transient EventLineDecoder decoder;
  private transient LongCounter linesRead;
  private transient AtomicLong localProgress;

  /**
   * @param fileNames the stream's file names in arrival order
   * @param progressKey names the {@link LocalProgress} counter this operator adds to
   */
  public DecodeFunction(ReferenceData reference, List<String> fileNames, String progressKey) {
    this.validator = new EventValidator(reference);
    this.fileNames = List.copyOf(fileNames);
    this.progressKey = progressKey;
  }

  @Override
  public void open(OpenContext openContext) {
    decoder = new EventLineDecoder();
    linesRead = new LongCounter();
    localProgress = LocalProgress.counter(progressKey);
    fileIndex = new java.util.HashMap<>();
    for (int i = 0; i < fileNames.size(); i++) {
      fileIndex.put(fileNames.get(i), i);
    }
  }

  @Override
  public void processElement(EventLine line, Context ctx, Collector<EventRecord> out) {
    if (linesRead.getLocalValuePrimitive() == 0) {
      getRuntimeContext().addAccumulator(LINES_READ + line.stream().key(), linesRead);
    }
    linesRead.add(1);
    localProgress.incrementAndGet();
    DecodedEvent event = decoder.decode(line);
    if (event.decoded()) {
      out.collect(EventRecord.of(event, fileIndex.get(line.sourceFile()), validator.check(event)));
    } else {
      ctx.output(HygieneOutputs.QUARANTINE, new QuarantinedLine(line.stream(), line.sourceFile(), line.lineNo(),
          line.seq(), event.early(), null, line.text()));
    }
  }
}
