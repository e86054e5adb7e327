package dev.leakproof.schemas.events;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * What the stateless hygiene checks compare events against: the known workspaces, the metrics of
 * the price book, and the as-of date that bounds future timestamps.
 */
public record ReferenceData(Set<String> workspaces, Set<String> metrics, LocalDate asOf) implements Serializable {

  public ReferenceData {
    workspaces = Set.copyOf(workspaces);
    metrics = Set.copyOf(metrics);
    Objects.requireNonNull(asOf, "asOf");
  }

  /** The last UTC date an event may carry: one day after the as-of date. */
  public LocalDate latestAllowedDate() {
    return asOf.plusDays(1);
  }
}
