package dev.leakproof.datagen;

/**
 * Leak shapes that no rule of the spec checks, for training and testing anomaly detectors: each is
 * applied to one rule-clean account and labelled per contract-month outside the dataset. The
 * billing shapes only raise or move billed overage, which the rules (billed below expected) do not
 * flag; usage and seat shapes change what is reported, and billing follows what is reported.
 */
enum ShapeKind {
  /** Overage unit prices creep up each month with no amendment. */
  PRICE_DRIFT("price_drift", true),
  /** One workspace reports only part of its usage from a month on. */
  SOURCE_UNDERREPORT("source_underreport", false),
  /** Seat events stop while usage keeps growing. */
  SEAT_FREEZE("seat_freeze", false),
  /** An overage line at another plan's higher unit price for the metric. */
  WRONG_PLAN_RATE("wrong_plan_rate", true),
  /** Each month's overage carries the previous month's excess. */
  WRONG_MONTH("wrong_month", true);

  final String code;
  /** Applied to the invoice drafts rather than to usage or seats. */
  final boolean billing;

  ShapeKind(String code, boolean billing) {
    this.code = code;
    this.billing = billing;
  }
}
