package dev.leakproof.datagen;

import java.time.LocalDate;

/**
 * What {@link DatasetGenerator} produces: how many accounts, how many months of usage up to the
 * as-of date, the seed that makes the output reproducible, the number of usage events (0 for the
 * natural density of about 1 to 20 events per workspace per day), the share of events that carry
 * deliberate noise and the share of rule-clean accounts that get one leak shape no rule checks (see
 * {@link ShapeKind}; 0, the default, for none).
 *
 * @throws IllegalArgumentException naming the field and the value when a value is out of range
 */
public record GeneratorConfig(
    int accounts, int usageMonths, long seed, LocalDate asOf, long usageEvents, double noiseRate,
    double shapeRate) {

  /** The noise rate used by {@link #defaults}. */
  public static final double DEFAULT_NOISE_RATE = 0.01;

  /** The largest usage window, in months. */
  public static final int MAX_USAGE_MONTHS = 60;

  /** The largest noise rate. */
  public static final double MAX_NOISE_RATE = 0.2;

  /** The largest shape rate. */
  public static final double MAX_SHAPE_RATE = 0.5;

  public GeneratorConfig {
    if (accounts < 1) {
      throw new IllegalArgumentException("Invalid accounts: " + accounts + " (must be at least 1)");
    }
    if (usageMonths < 1 || usageMonths > MAX_USAGE_MONTHS) {
      throw new IllegalArgumentException(
          "Invalid usageMonths: " + usageMonths + " (must be between 1 and " + MAX_USAGE_MONTHS + ")");
    }
    if (asOf == null) {
      throw new IllegalArgumentException("Invalid asOf: null (must be a date)");
    }
    if (usageEvents < 0) {
      throw new IllegalArgumentException(
          "Invalid usageEvents: " + usageEvents + " (must be at least 0; 0 means natural density)");
    }
    if (!(noiseRate >= 0 && noiseRate <= MAX_NOISE_RATE)) {
      throw new IllegalArgumentException(
          "Invalid noiseRate: " + noiseRate + " (must be between 0 and " + MAX_NOISE_RATE + ")");
    }
    if (!(shapeRate >= 0 && shapeRate <= MAX_SHAPE_RATE)) {
      throw new IllegalArgumentException(
          "Invalid shapeRate: " + shapeRate + " (must be between 0 and " + MAX_SHAPE_RATE + ")");
    }
  }

  /** No leak shapes. */
  public GeneratorConfig(int accounts, int usageMonths, long seed, LocalDate asOf, long usageEvents, double noiseRate) {
    this(accounts, usageMonths, seed, asOf, usageEvents, noiseRate, 0);
  }

  /** Natural usage density and the default noise rate. */
  public static GeneratorConfig defaults(int accounts, int usageMonths, long seed, LocalDate asOf) {
    return new GeneratorConfig(accounts, usageMonths, seed, asOf, 0, DEFAULT_NOISE_RATE);
  }

  /** The same configuration with another number of usage events (0 for natural density). */
  public GeneratorConfig withUsageEvents(long events) {
    return new GeneratorConfig(accounts, usageMonths, seed, asOf, events, noiseRate, shapeRate);
  }

  /** The same configuration with another noise rate. */
  public GeneratorConfig withNoiseRate(double rate) {
    return new GeneratorConfig(accounts, usageMonths, seed, asOf, usageEvents, rate, shapeRate);
  }

  /** The same configuration with another shape rate (0 for no leak shapes). */
  public GeneratorConfig withShapeRate(double rate) {
    return new GeneratorConfig(accounts, usageMonths, seed, asOf, usageEvents, noiseRate, rate);
  }

  /** Whether leak shapes are generated (and labels written). */
  public boolean shapes() {
    return shapeRate > 0;
  }
}
