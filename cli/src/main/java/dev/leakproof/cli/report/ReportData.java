package dev.leakproof.cli.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Everything the leakage report shows, read from the warehouse once. Amounts are exact decimals in
 * the contract's currency; nothing here adds amounts of two currencies.
 *
 * @param source what was audited (the dataset or warehouse), shown in the page's header
 * @param flaggedTotal how many accounts are flagged, of which {@code flagged} holds the first ones
 * @param invoiceErrors the invoice error rate; null when the warehouse predates its mart
 * @param learned the learned models' signals; {@link LearnedSignals#NOT_SCORED} before any scoring
 */
public record ReportData(
    LocalDate asOf,
    Instant generatedAt,
    String source,
    List<Finding> findings,
    List<MonthAmount> leakageByMonth,
    List<Renewal> renewals,
    List<AccountTrend> flagged,
    int flaggedTotal,
    List<ContractStatus> contracts,
    Hygiene hygiene,
    InvoiceErrors invoiceErrors,
    UsageSignals signals,
    LearnedSignals learned) {

  public ReportData {
    learned = learned == null ? LearnedSignals.NOT_SCORED : learned;
    findings = List.copyOf(findings);
    leakageByMonth = List.copyOf(leakageByMonth);
    renewals = List.copyOf(renewals);
    flagged = List.copyOf(flagged);
    contracts = List.copyOf(contracts);
  }

  /**
   * Usage signals: threshold events in all, per billing month and level band, the latest ones, and
   * the metering lag of the last recorded hours (received to committed).
   */
  public record UsageSignals(long thresholds, List<Count> thresholdsByMonth, List<Threshold> recent,
      List<LagHour> lag) {
    public UsageSignals {
      thresholdsByMonth = List.copyOf(thresholdsByMonth);
      recent = List.copyOf(recent);
      lag = List.copyOf(lag);
    }
  }

  /**
   * What the learned models wrote: the anomaly findings (contracts with flagged months no rule
   * covers), flagged contract-months per month (group: YYYY-MM, label: whether a rule finding
   * covers them), the accounts of highest leakage risk and the accounts per risk band.
   *
   * @param scored false when no model has scored the warehouse (the ml tables are empty)
   */
  public record LearnedSignals(boolean scored, List<String> modelIds, long contractMonthsScored,
      List<Anomaly> anomalies, List<Count> flaggedByMonth, long accountsScored, List<Risk> topRisk,
      List<Count> accountsByBand) {

    /** No model has scored this warehouse. */
    public static final LearnedSignals NOT_SCORED = new LearnedSignals(false, List.of(), 0, List.of(), List.of(), 0,
        List.of(), List.of());

    public LearnedSignals {
      modelIds = List.copyOf(modelIds);
      anomalies = List.copyOf(anomalies);
      flaggedByMonth = List.copyOf(flaggedByMonth);
      topRisk = List.copyOf(topRisk);
      accountsByBand = List.copyOf(accountsByBand);
    }
  }

  /** One anomaly finding: the contract's flagged months (YYYY-MM or YYYY-MM..YYYY-MM), highest score, drivers. */
  public record Anomaly(String accountId, String accountName, String contractId, String months, BigDecimal maxScore,
      String drivers) {}

  /** One account's leakage risk: the probability as a percentage (one decimal), band and drivers. */
  public record Risk(String accountId, String accountName, BigDecimal probabilityPct, String band,
      int lastQuarterFindings, String drivers) {}

  /** One threshold event. */
  public record Threshold(String accountId, String accountName, String metric, String month, int levelPct,
      String usage, String included, String detectedAt, String csmEmail) {}

  /** One recorded hour of metering lag (milliseconds). */
  public record LagHour(String hour, String stream, String source, long events, long p50Ms, long p95Ms, long p99Ms,
      long maxMs) {}

  /** One row of leak_findings, with the account's name and its contract's status. */
  public record Finding(String leakType, String kind, String accountId, String accountName, String contractId,
      String metric, String periodStart, String periodEnd, BigDecimal amount, String currency, String evidence,
      String recommendedAction, String status) {}

  /** Leakage of one type in one month ({@code YYYY-MM}) and currency. */
  public record MonthAmount(String month, String leakType, String currency, BigDecimal amount) {}

  /** An unsigned renewal of the pipeline, in its T-90 / T-60 / T-30 lane; the date as YYYY-MM-DD. */
  public record Renewal(String contractId, String accountId, String accountName, String owner, String currency,
      String renewalDate, long daysToRenewal, String lane, BigDecimal renewalAmount, BigDecimal upliftAmount,
      boolean atRisk, BigDecimal atRiskAmount, String riskReasons) {}

  /**
   * A flagged account's seats per month against its licence and its main metric's weekly usage.
   *
   * @param months {@code YYYY-MM} of each {@code seatsByMonth} value
   */
  public record AccountTrend(String accountId, String accountName, String status, String expansionSignal,
      String renewalRisk, long seatsActive, long seatsLicensed, BigDecimal utilisationPct, String metric,
      BigDecimal usageTrendPct, List<String> months, List<Long> seatsByMonth, List<BigDecimal> usageByWeek,
      BigDecimal openLeakage, String currency) {

    public AccountTrend {
      months = List.copyOf(months);
      seatsByMonth = List.copyOf(seatsByMonth);
      usageByWeek = List.copyOf(usageByWeek);
    }
  }

  /** The verdict on one contract: clean, flag or escalate, and why. */
  public record ContractStatus(String contractId, String accountId, String accountName, String owner,
      String currency, String status, String reason, long findings, BigDecimal leakageAmount,
      BigDecimal riskAmount) {}

  /**
   * Event hygiene: capture per stream, quarantine by reason, rejected CSV rows, lateness and lag,
   * and the usage received after its month closed, billed as corrections.
   */
  public record Hygiene(List<StreamCapture> streams, List<Count> quarantineByReason, List<Count> rejectedRows,
      List<Count> lateEvents, Lag meteringLag, List<LateMonth> lateUsage) {

    public Hygiene {
      streams = List.copyOf(streams);
      quarantineByReason = List.copyOf(quarantineByReason);
      rejectedRows = List.copyOf(rejectedRows);
      lateEvents = List.copyOf(lateEvents);
      lateUsage = List.copyOf(lateUsage == null ? List.of() : lateUsage);
    }

    /** Without late usage after close (a warehouse built before late_usage_corrections existed). */
    public Hygiene(List<StreamCapture> streams, List<Count> quarantineByReason, List<Count> rejectedRows,
        List<Count> lateEvents, Lag meteringLag) {
      this(streams, quarantineByReason, rejectedRows, lateEvents, meteringLag, List.of());
    }
  }

  /**
   * Usage of one month and metric received after the month closed (late_usage_corrections): the
   * late lines, the units they add (a late correction's difference), the overage units and amount
   * billed as corrections; the currency is null when no contract prices the metric that month.
   */
  public record LateMonth(String month, String metric, String currency, long lateLines, BigDecimal deltaUnits,
      long billableUnits, BigDecimal lateAmount) {}

  /** One event stream's counts; the capture rate in percent, exact to 4 decimals. */
  public record StreamCapture(String stream, long read, long accepted, long duplicates, long quarantined,
      BigDecimal captureRatePct) {}

  /** A count within a group: quarantined lines of a stream by reason, rejected rows of a file by code. */
  public record Count(String group, String label, long count) {}

  /**
   * The share of invoices with a billing error, overall and per closed billing month (mart
   * invoice_error_rate): a missing invoice is an expected invoice in error. Rates in percent, exact
   * to 2 decimals (the mart's 4-decimal share).
   */
  public record InvoiceErrors(long invoicesExpected, long missingInvoices, long invoicesWithErrors,
      BigDecimal errorRatePct, List<MonthErrors> months) {

    public InvoiceErrors {
      months = List.copyOf(months);
    }
  }

  /** One closed billing month ({@code YYYY-MM}) of {@link InvoiceErrors}. */
  public record MonthErrors(String month, long invoices, long missingInvoices, long invoicesWithErrors,
      BigDecimal errorRatePct) {}

  /**
   * Metering lag (received_at - occurred_at) of the usage events that say when they were received;
   * null when none do.
   */
  public record Lag(long eventsWithReceivedAt, long events, long p50Seconds, long p95Seconds, long maxSeconds) {}
}
