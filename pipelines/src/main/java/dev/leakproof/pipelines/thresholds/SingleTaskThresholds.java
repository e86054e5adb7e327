package dev.leakproof.pipelines.thresholds;

import dev.leakproof.pipelines.hygiene.EventRecord;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Both threshold steps over plain hash maps, for a bounded run at parallelism 1 where nothing is
 * checkpointed (as {@link dev.leakproof.pipelines.hygiene.SingleTaskHygiene} is for the hygiene
 * rules): the rules are {@link ThresholdRules}'s, as in the keyed operators.
 */
public final class SingleTaskThresholds extends ProcessFunction<EventRecord, ThresholdCrossing> {

  private static final long serialVersionUID = 1L;

  private final PlanSource plans;
  private final ThresholdPolicy policy;
  private transient Map<String, ThresholdRules.CountedEvent> counted;
  private transient Map<String, ThresholdRules.Progress> progress;

  public SingleTaskThresholds(PlanSource plans, ThresholdPolicy policy) {
    this.plans = plans;
    this.policy = policy;
  }

  @Override
  public void open(OpenContext openContext) {
    counted = new HashMap<>(1 << 16);
    progress = new HashMap<>(1 << 12);
  }

  @Override
  public void processElement(EventRecord event, Context ctx, Collector<ThresholdCrossing> out) {
    PlanLimits limits = plans.current();
    ThresholdRules.Counted c = ThresholdRules.count(event,
        event.isCorrection() ? counted.get(event.correctsEventId()) : null, limits);
    if (c == null) {
      return;
    }
    counted.put(event.targetEventId(), c.event());
    if (c.delta().delta().signum() == 0) {
      return;
    }
    String key = c.delta().usageKey();
    ThresholdRules.Applied applied = ThresholdRules.apply(c.delta(), progress.get(key), limits, policy,
        dev.leakproof.pipelines.kafka.EventHeaders.micros(java.time.Instant.now()));
    progress.put(key, applied.progress());
    applied.crossings().forEach(out::collect);
  }
}
