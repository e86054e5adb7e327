package dev.leakproof.pipelines.thresholds;

import dev.leakproof.pipelines.hygiene.EventRecord;
import dev.leakproof.pipelines.hygiene.HygieneState;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by the event a usage line sets the quantity of (the key of the correction check, so it
 * chains to it): each accepted original counts its quantity in its account's month, each accepted
 * correction the difference to what the event counted before. Corrections reach it in arrival
 * order (the correction check releases them so), so the last one counts, as in the warehouse.
 */
public final class UsageDeltaFunction extends KeyedProcessFunction<String, EventRecord, UsageDelta> {

  private static final long serialVersionUID = 1L;

  private final PlanSource plans;
  private final HygieneState state;
  private transient ValueState<ThresholdRules.CountedEvent> counted;

  /**
   * @param state how long an event's count is remembered (as long as its original: a correction
   *     after that is an orphan anyway)
   */
  public UsageDeltaFunction(PlanSource plans, HygieneState state) {
    this.plans = plans;
    this.state = state;
  }

  @Override
  public void open(OpenContext openContext) {
    ValueStateDescriptor<ThresholdRules.CountedEvent> descriptor =
        new ValueStateDescriptor<>("counted-usage", ThresholdRules.CountedEvent.class);
    state.applyTo(descriptor);
    counted = getRuntimeContext().getState(descriptor);
  }

  @Override
  public void processElement(EventRecord event, Context ctx, Collector<UsageDelta> out) throws Exception {
    ThresholdRules.Counted c = ThresholdRules.count(event, event.isCorrection() ? counted.value() : null,
        plans.current());
    if (c != null) {
      counted.update(c.event());
      if (c.delta().delta().signum() != 0) {
        out.collect(c.delta());
      }
    }
  }
}
