package dev.leakproof.connectors.stripe;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decides how a usage row reaches Stripe, from what Stripe was already sent for it (its state)
 * and how old things are. The difference between the row's units and what is billed is sent:
 * <ul>
 *   <li>an increase as a meter event of the difference, timestamped at the start of the day,
 *       while the day is inside Stripe's 35-day timestamp window; after it, as an invoice item;
 *   <li>a decrease by cancelling the row's meter events sent less than 24 hours ago (newest
 *       first), re-sending whatever was cancelled beyond the decrease; what cannot be cancelled
 *       any more is credited with a negative invoice item that says why;
 *   <li>a row billed as an invoice item only (a correction record of usage received after its
 *       month closed) as an invoice item of the difference, positive or negative, described by
 *       the row's evidence, whatever the day's age.
 * </ul>
 * Each meter event is identified by account, metric, day and revision, so sending it twice bills
 * it once. The margins keep Leakproof clear of the windows' edges.
 */
public final class UsageRouter {

  /** What to do, and the row's state once done. */
  public record Routing(List<UsageAction> actions, UsageState after) {
    public Routing {
      actions = List.copyOf(actions);
    }
  }

  private final Duration cancelMargin;
  private final Duration timestampMargin;

  public UsageRouter(Duration cancelMargin, Duration timestampMargin) {
    this.cancelMargin = cancelMargin;
    this.timestampMargin = timestampMargin;
  }

  /** Whether a day can still take meter events at {@code now} (35 days back, less the margin). */
  public boolean meterable(java.time.LocalDate day, Instant now) {
    Instant start = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    return !start.isBefore(now.minus(StripeConfig.TIMESTAMP_WINDOW).plus(timestampMargin))
        && !start.isAfter(now.plus(Duration.ofMinutes(5)));
  }

  /** Whether an event sent at {@code sentAt} can still be cancelled at {@code now}. */
  public boolean cancellable(Instant sentAt, Instant now) {
    return sentAt.isAfter(now.minus(StripeConfig.CANCEL_WINDOW).plus(cancelMargin));
  }

  /**
   * @throws IllegalArgumentException when units must be billed as an invoice item and the row has
   *     no price or currency
   */
  public Routing route(UsageRow row, UsageState before, Instant now) {
    long delta = row.quantity() - before.billed();
    List<UsageAction> actions = new ArrayList<>();
    if (delta == 0) {
      return new Routing(actions, before);
    }
    List<UsageState.Event> events = new ArrayList<>(before.events());
    List<UsageState.Item> items = new ArrayList<>(before.items());
    long metered = before.metered();
    long invoiced = before.invoiced();
    int revision = before.revision();
    boolean meterable = !row.invoiceItemOnly() && meterable(row.day(), now);
    long toSend = delta;
    if (delta < 0 && !row.invoiceItemOnly()) {
      long need = -delta;
      long cancelled = 0;
      for (int i = events.size() - 1; i >= 0 && cancelled < need; i--) {
        UsageState.Event e = events.get(i);
        if (!e.cancelled() && cancellable(e.at(), now)) {
          actions.add(new UsageAction.CancelEvent(row.eventName(), e.id(), e.value()));
          events.set(i, e.cancel());
          cancelled += e.value();
          metered -= e.value();
        }
      }
      toSend = cancelled - need;
    }
    if (toSend > 0 && meterable) {
      revision++;
      String id = identifier(row, revision);
      actions.add(new UsageAction.SendEvent(row.eventName(), row.customerId(), id, toSend,
          row.day().atStartOfDay(ZoneOffset.UTC).toInstant()));
      events.add(new UsageState.Event(id, toSend, now, false));
      metered += toSend;
    } else if (toSend != 0) {
      revision++;
      UsageAction.CreateItem item = item(row, before, toSend, revision, meterable);
      actions.add(item);
      items.add(new UsageState.Item(item.key(), null, item.quantity(), item.amountMinor(), item.currency(), now));
      invoiced += toSend;
    }
    return new Routing(actions, new UsageState(metered, invoiced, revision, events, items));
  }

  private UsageAction.CreateItem item(UsageRow row, UsageState before, long quantity, int revision, boolean meterable) {
    if (row.unitAmount() == null || row.currency() == null) {
      throw new IllegalArgumentException("Cannot bill " + quantity + " units of " + row.metric() + " for " + row.day()
          + " as an invoice item: no overage price for the account on that day");
    }
    BigDecimal amount = row.unitAmount().multiply(BigDecimal.valueOf(quantity));
    long minor = Currencies.toMinor(amount, row.currency());
    if (row.invoiceItemOnly()) {
      return correctionItem(row, quantity, minor, revision);
    }
    String why = quantity > 0
        ? "Usage of " + row.metric() + " on " + row.day() + " recorded after Stripe's 35-day meter window: "
        : "Credit: " + row.metric() + " usage on " + row.day() + " corrected from " + units(before.billed()) + " to "
            + units(row.quantity()) + " units after Stripe's 24-hour cancel window: ";
    String description = why + units(quantity) + " units x " + row.unitAmount().stripTrailingZeros().toPlainString()
        + " " + row.currency().toUpperCase(Locale.ROOT) + " = " + Currencies.fromMinor(minor, row.currency())
        .toPlainString() + " " + row.currency().toUpperCase(Locale.ROOT) + " (Leakproof usage " + row.usageKey()
        + ", revision " + revision + ")";
    Instant start = row.day().atStartOfDay(ZoneOffset.UTC).toInstant();
    return new UsageAction.CreateItem(row.customerId(), identifier(row, revision) + (quantity > 0 ? ":late" : ":credit"),
        quantity, minor, Currencies.code(row.currency()), description, start, start.plus(Duration.ofDays(1)));
  }

  /**
   * A correction record's item: its evidence, the units billed at the unit amount, the amount;
   * the period is the closed month when the row names it, else the day it was received.
   */
  private static UsageAction.CreateItem correctionItem(UsageRow row, long quantity, long minor, int revision) {
    String currency = row.currency().toUpperCase(Locale.ROOT);
    String evidence = row.description() != null ? row.description()
        : "Usage of " + row.metric() + " received on " + row.day() + " after its month closed";
    String description = evidence + ". Billed: " + units(quantity) + " overage units x "
        + row.unitAmount().stripTrailingZeros().toPlainString() + " " + currency + " = "
        + Currencies.fromMinor(minor, row.currency()).toPlainString() + " " + currency + " (Leakproof usage "
        + row.usageKey() + ", revision " + revision + ")";
    Instant start = (row.usageMonth() != null ? row.usageMonth().withDayOfMonth(1) : row.day())
        .atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = row.usageMonth() != null
        ? row.usageMonth().withDayOfMonth(1).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant()
        : start.plus(Duration.ofDays(1));
    return new UsageAction.CreateItem(row.customerId(), identifier(row, revision) + (quantity > 0 ? ":late" : ":credit"),
        quantity, minor, Currencies.code(row.currency()), description, start, end);
  }

  /**
   * {@code lp:ACC-00042:api_calls:2026-06-01:r2}, for a correction record its key's parts
   * ({@code lp:ACC-00042:api_calls:late:2026-05:2026-06-09:r1}); hashed when longer than Stripe's
   * 100 characters.
   */
  static String identifier(UsageRow row, int revision) {
    String id = row.invoiceItemOnly() ? "lp:" + row.usageKey().replace('|', ':') + ":r" + revision
        : "lp:" + row.accountId() + ":" + row.metric() + ":" + row.day() + ":r" + revision;
    if (id.length() <= 100) {
      return id;
    }
    return "lp:" + Integer.toHexString(row.usageKey().hashCode()) + Long.toHexString(
        java.util.UUID.nameUUIDFromBytes(row.usageKey().getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .getMostSignificantBits()) + ":r" + revision;
  }

  private static String units(long n) {
    return new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(n);
  }
}
