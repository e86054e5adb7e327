package dev.leakproof.datagen;

/**
 * Decides, from the event's ordinal alone, whether a usage event is noisy and how, so the counting
 * pass and the writing pass agree on every line without sharing state.
 */
final class NoisePlan {

  private final long seed;
  private final double rate;
  private final long asOfDay;

  NoisePlan(GeneratorConfig config) {
    this.seed = config.seed();
    this.rate = config.noiseRate();
    this.asOfDay = config.asOf().toEpochDay();
  }

  UsageNoise kind(long ordinal, boolean clean, long day) {
    long h = Mix.hash(seed, Mix.NOISE, ordinal);
    if (Mix.unit(h) >= rate) {
      return UsageNoise.NONE;
    }
    UsageNoise kind = UsageNoise.pick(Mix.unit(Mix.mix(h)), clean);
    if (kind == UsageNoise.LATE && day + lateDays(ordinal) > asOfDay) {
      return UsageNoise.OFFSET;
    }
    return kind;
  }

  /** Days between occurrence and arrival of a late event. */
  int lateDays(long ordinal) {
    return 1 + Mix.below(Mix.hash(seed, Mix.NOISE, ordinal, 1), 5);
  }
}
