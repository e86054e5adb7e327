package dev.leakproof.pipelines.thresholds;

import java.io.Serializable;
import java.util.Objects;

/** Where the plan limits come from and which levels raise a threshold event. */
public record ThresholdSettings(PlanSource plans, ThresholdPolicy policy) implements Serializable {
  public ThresholdSettings {
    Objects.requireNonNull(plans, "plans");
    Objects.requireNonNull(policy, "policy");
  }
}
