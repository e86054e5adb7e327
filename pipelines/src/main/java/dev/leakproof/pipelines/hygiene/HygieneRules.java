package dev.leakproof.pipelines.hygiene;

import dev.leakproof.core.QuarantineReason;

/**
 * The stateful hygiene rules of spec section 2, as decisions over the state they need, shared by
 * the keyed operators of the continuous job ({@link DedupeFunction}, {@link CorrectionResolver})
 * and the single-task operator of a bounded run ({@link SingleTaskHygiene}), so both apply the
 * same rules whatever holds the state.
 */
public final class HygieneRules {

  private HygieneRules() {}

  /** What the duplicate check makes of a line. */
  public enum LineVerdict {
    /** The same content as the first line of its id: dropped and recorded. */
    DUPLICATE,
    /** Other content than the first line of its id: quarantined as {@code duplicate_conflict}. */
    CONFLICT,
    /** The first line of its id, which failed a stateless check: quarantined with that reason. */
    FIRST_QUARANTINED,
    /** The first line of its id, passing every stateless check: goes on. */
    FIRST
  }

  /**
   * The duplicate check: the first line of an event id decides.
   *
   * @param first what was remembered of the id's first line, or null when this is the first
   */
  public static LineVerdict dedupe(SeenEvent first, EventRecord line) {
    if (first != null) {
      return line.sameContent(first.contentHi(), first.contentLo()) ? LineVerdict.DUPLICATE : LineVerdict.CONFLICT;
    }
    return line.checkFailure() != null ? LineVerdict.FIRST_QUARANTINED : LineVerdict.FIRST;
  }

  /** What the duplicate check remembers of an id's first line. */
  public static SeenEvent remember(EventRecord first) {
    return new SeenEvent(first.contentHi(), first.contentLo(), first.seq());
  }

  /** What a correction check remembers of an accepted original. */
  public static OriginalRef original(EventRecord original) {
    return new OriginalRef(original.workspaceId(), original.metric(), original.seq());
  }

  /**
   * The correction check, once every line that arrived before the correction has been seen.
   *
   * @param original the accepted original it corrects, or null when there is none
   * @return the reason to quarantine it, or null when it is accepted
   */
  public static QuarantineReason correction(OriginalRef original, EventRecord correction) {
    if (original == null || original.seq() > correction.seq()) {
      return QuarantineReason.ORPHAN_CORRECTION;
    }
    if (!original.workspaceId().equals(correction.workspaceId()) || !original.metric().equals(correction.metric())) {
      return QuarantineReason.CORRECTION_MISMATCH;
    }
    return null;
  }
}
