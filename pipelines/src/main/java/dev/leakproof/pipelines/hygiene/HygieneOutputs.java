package dev.leakproof.pipelines.hygiene;

import org.apache.flink.util.OutputTag;

/** Side outputs of the hygiene operators: quarantined lines and dropped duplicates. */
public final class HygieneOutputs {

  public static final OutputTag<QuarantinedLine> QUARANTINE = new OutputTag<>("quarantine") {};
  public static final OutputTag<DuplicateLine> DUPLICATES = new OutputTag<>("duplicates") {};

  private HygieneOutputs() {}
}
