package dev.leakproof.connectors.salesforce;

import dev.leakproof.connectors.api.DestinationException;
import dev.leakproof.connectors.api.ErrorKind;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The org's daily API request budget as Salesforce reports it on every REST response
 * ({@code Sforce-Limit-Info: api-usage=18/15000}); calls stop, with a permanent error, before
 * they eat into the share reserved for the org's other integrations.
 */
public final class ApiBudget {

  private static final Pattern USAGE = Pattern.compile("api-usage=(\\d+)/(\\d+)");

  private final int reservePct;
  private long used = -1;
  private long max = -1;

  public ApiBudget(int reservePct) {
    this.reservePct = reservePct;
  }

  /** Takes the latest {@code Sforce-Limit-Info} header value; ignores a missing or odd one. */
  public synchronized void update(String header) {
    if (header == null) {
      return;
    }
    Matcher m = USAGE.matcher(header);
    if (m.find()) {
      used = Long.parseLong(m.group(1));
      max = Long.parseLong(m.group(2));
    }
  }

  /**
   * @throws DestinationException (permanent, {@code API_BUDGET_RESERVED}) when the requests left
   *     are within the reserve
   */
  public synchronized void check(String what) throws DestinationException {
    if (max <= 0) {
      return;
    }
    long reserve = max * reservePct / 100;
    if (max - used <= reserve) {
      throw new DestinationException(ErrorKind.PERMANENT, "API_BUDGET_RESERVED", String.format(Locale.ROOT,
          "Cannot %s: %,d of the org's %,d daily API requests are used and %d%% (%,d) is kept for its other "
          + "integrations (salesforce.api.reserve-pct)", what, used, max, reservePct, reserve));
    }
  }

  /** Requests used and the daily maximum, as last reported; -1 before the first response. */
  public synchronized long[] usage() {
    return new long[] {used, max};
  }
}
