package dev.leakproof.pipelines.thresholds;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by account, metric and month: adds each usage delta to the month's usage and raises each
 * level of the plan limit the first time the usage reaches it. The month's usage and the highest
 * level raised are keyed state, checkpointed with the job, so a restarted or replayed job raises
 * no level twice: a level raised after the last completed checkpoint is raised again from the
 * restored state and committed to the lake once, with that checkpoint. A few keys per account
 * and month, kept for the job's life (no TTL: a late event of an old month still counts).
 */
public final class ThresholdFunction extends KeyedProcessFunction<String, UsageDelta, ThresholdCrossing> {

  private static final long serialVersionUID = 1L;

  private final PlanSource plans;
  private final ThresholdPolicy policy;
  private transient ValueState<ThresholdRules.Progress> progress;

  public ThresholdFunction(PlanSource plans, ThresholdPolicy policy) {
    this.plans = plans;
    this.policy = policy;
  }

  @Override
  public void open(OpenContext openContext) {
    progress = getRuntimeContext().getState(
        new ValueStateDescriptor<>("threshold-progress", ThresholdRules.Progress.class));
  }

  @Override
  public void processElement(UsageDelta delta, Context ctx, Collector<ThresholdCrossing> out) throws Exception {
    ThresholdRules.Applied applied = ThresholdRules.apply(delta, progress.value(), plans.current(), policy,
        dev.leakproof.pipelines.kafka.EventHeaders.micros(java.time.Instant.now()));
    progress.update(applied.progress());
    applied.crossings().forEach(out::collect);
  }
}
