package dev.leakproof.datagen;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/**
 * The fixed commercial catalogue: three plans in two price versions, the metrics each plan meters
 * with its included units and overage price, list seat prices, and the word lists used for names.
 */
final class Catalog {

  static final String[] METRICS = {"api_calls", "emails_sent", "ai_tokens"};
  static final String UNKNOWN_METRIC = "video_minutes";
  static final String[] PLANS = {"starter", "growth", "enterprise"};
  /** Share of a workspace's events per metric. */
  static final double[] METRIC_EVENT_WEIGHT = {0.5, 0.25, 0.25};

  /** One price book row. */
  record Row(String plan, int version, int metric, long included, BigDecimal overagePrice) {}

  static final List<Row> ROWS = List.of(
      row("starter", 1, 0, 100_000, "0.0020"),
      row("starter", 1, 1, 10_000, "0.0100"),
      row("starter", 2, 0, 80_000, "0.0025"),
      row("starter", 2, 1, 10_000, "0.0120"),
      row("growth", 1, 0, 500_000, "0.0015"),
      row("growth", 1, 1, 50_000, "0.0080"),
      row("growth", 1, 2, 2_000_000, "0.00002"),
      row("growth", 2, 0, 400_000, "0.0018"),
      row("growth", 2, 1, 50_000, "0.0090"),
      row("growth", 2, 2, 1_500_000, "0.000025"),
      row("enterprise", 1, 0, 2_000_000, "0.0010"),
      row("enterprise", 1, 2, 10_000_000, "0.000015"),
      row("enterprise", 2, 0, 2_000_000, "0.0012"),
      row("enterprise", 2, 2, 8_000_000, "0.000018"));

  static final String[] COMPANY = {"Acme", "Northwind", "Globex", "Initech", "Umbrella", "Stark",
      "Wayne", "Hooli", "Vandelay", "Soylent", "Cyberdyne", "Tyrell", "Wonka", "Oceanic", "Aperture",
      "Monarch", "Blue Sun", "Gringotts", "Dunder", "Krusty", "Pied Piper", "Massive Dynamic"};
  static final String[] TRADE = {"Analytics", "Logistics", "Health", "Robotics", "Foods", "Media",
      "Labs", "Systems", "Capital", "Energy", "Retail", "Travel"};
  static final String[] SUFFIX = {"", " Inc.", ", Inc.", " LLC", " GmbH", " Ltd", " & Co.", ", S.A."};
  static final String[] FIRST = {"Pat", "Alex", "Sam", "Jordan", "Maria", "Wei", "Priya", "Lars",
      "Amara", "Diego", "Yuki", "Noah"};
  static final String[] LAST = {"Garcia", "Chen", "Okafor", "Smith", "Novak", "Tanaka", "Silva",
      "Khan", "Muller", "O'Brien", "Rossi", "Dubois"};
  static final String[] SCOPE = {"SSO + API", "SSO, SCIM and API", "API only",
      "Data export + webhooks", "SSO + audit log", "\"Full\" platform rollout"};
  static final String[] RATE_NOTE = {"list price", "10% off year 1", "price locked, uplift per contract",
      "matched competitor quote, approved by VP Sales", "standard uplift"};

  private Catalog() {}

  private static Row row(String plan, int version, int metric, long included, String price) {
    return new Row(plan, version, metric, included, new BigDecimal(price));
  }

  /** The metrics a plan meters, in catalogue order. */
  static int[] metricsOf(String plan) {
    return switch (plan) {
      case "starter" -> new int[] {0, 1};
      case "growth" -> new int[] {0, 1, 2};
      case "enterprise" -> new int[] {0, 2};
      default -> throw new IllegalArgumentException("Invalid plan_id: " + plan);
    };
  }

  static Row row(String plan, int version, int metric) {
    for (Row r : ROWS) {
      if (r.plan.equals(plan) && r.version == version && r.metric == metric) {
        return r;
      }
    }
    throw new IllegalArgumentException("Invalid price book key: " + plan + " v" + version + " " + METRICS[metric]);
  }

  /** Seat list price per month in price version 1. */
  static BigDecimal baseSeatPrice(String plan) {
    return switch (plan) {
      case "starter" -> new BigDecimal("18.00");
      case "growth" -> new BigDecimal("40.00");
      default -> new BigDecimal("85.00");
    };
  }

  /** Price version 1 is in effect for every contract the generator writes. */
  static LocalDate v1Effective(LocalDate asOf) {
    return LocalDate.of(asOf.getYear() - 6, 1, 1);
  }

  /** Price version 2 took effect a year before the as-of month. */
  static LocalDate v2Effective(LocalDate asOf) {
    return YearMonth.from(asOf).minusMonths(12).atDay(1);
  }

  static int versionFor(LocalDate start, LocalDate asOf) {
    return start.isBefore(v2Effective(asOf)) ? 1 : 2;
  }
}
