package dev.leakproof.connectors.stripe;

import dev.leakproof.connectors.api.DestinationException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a billing model's customer and meter mapping against Stripe before anything is sent:
 * every account has a Stripe customer that exists, every metric a configured meter that is
 * active. The problems are listed, one line each, naming the account or metric and the value.
 */
public final class UsageCheck {

  private UsageCheck() {}

  /**
   * @param relation the model ({@code main.billing_usage}); columns account_id, stripe_customer_id
   *     and, when {@code metricColumn} is not null, that column
   */
  public static List<String> problems(Connection warehouse, String relation, String metricColumn,
      StripeDestination stripe) throws SQLException, DestinationException {
    Set<String> customers = new HashSet<>();
    for (StripeApi.Customer c : stripe.api().customers()) {
      customers.add(c.id());
    }
    List<String> accounts = new ArrayList<>();
    Set<String> metrics = new TreeSet<>();
    String sql = "SELECT DISTINCT account_id, stripe_customer_id" + (metricColumn == null ? "" : ", " + metricColumn)
        + " FROM " + relation + " ORDER BY 1";
    Set<String> reported = new HashSet<>();
    try (Statement s = warehouse.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        String account = rs.getString(1);
        String customer = rs.getString(2);
        if (metricColumn != null) {
          metrics.add(rs.getString(3));
        }
        if (customer == null && reported.add(account)) {
          accounts.add(account + ": no Stripe customer (map it in stripe.customers: leakproof stripe map)");
        } else if (customer != null && !customers.contains(customer) && reported.add(account)) {
          accounts.add(account + ": Stripe customer " + customer + " does not exist");
        }
      }
    }
    // meters first: a few lines that explain every row of a metric
    List<String> problems = new ArrayList<>();
    java.util.Map<String, StripeApi.Meter> meters = stripe.activeMeters();
    for (String metric : metrics) {
      if (!stripe.config().maps(metric)) {
        problems.add("metric " + metric + ": no billing meter configured (stripe.meters." + metric + ", or none)");
      } else {
        stripe.config().meterFor(metric).filter(name -> !meters.containsKey(name)).ifPresent(name ->
            problems.add("metric " + metric + ": no active billing meter has event name " + name));
      }
    }
    problems.addAll(accounts);
    return problems;
  }
}
