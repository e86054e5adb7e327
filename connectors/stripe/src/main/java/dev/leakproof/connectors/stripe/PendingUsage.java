package dev.leakproof.connectors.stripe;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.IOException;
import java.util.List;

/**
 * What the usage writer journals for a row before it acts: the actions, and the state they lead
 * to. A resumed run replays exactly these actions (idempotent) and takes {@code after}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PendingUsage(List<UsageAction> actions, UsageState after) {

  public PendingUsage {
    actions = List.copyOf(actions);
  }

  public String toJson() {
    try {
      return UsageState.JSON.writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot write pending usage: " + e.getMessage(), e);
    }
  }

  public static PendingUsage parse(String json) {
    try {
      return UsageState.JSON.readValue(json, PendingUsage.class);
    } catch (IOException e) {
      throw new IllegalArgumentException("Invalid pending usage in the ledger: " + e.getMessage().split("\n")[0]);
    }
  }
}
