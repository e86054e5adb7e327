package dev.leakproof.connectors.stripe;

import dev.leakproof.connectors.api.DestinationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the account-to-customer map ({@code stripe.customers}) from Stripe itself: a customer
 * whose metadata {@code leakproof_account_id} names an account bills that account. Optionally
 * creates the customers (test mode, a new account set) and the configured meters that are missing.
 */
public final class CustomerMapper {

  /** The metadata key naming the Leakproof account a customer bills. */
  public static final String ACCOUNT_KEY = "leakproof_account_id";

  /** What mapping did. */
  public record Result(int accounts, int mapped, int created, int unmapped, int metersCreated) {}

  /** Whether missing customers and meters are created or only reported. */
  public enum Missing { CREATE, REPORT }

  private CustomerMapper() {}

  /**
   * @param accounts {@code schema.table} with account_id and account_name (the CRM accounts)
   */
  public static Result map(Connection warehouse, String accounts, StripeDestination stripe, Missing missing)
      throws SQLException, DestinationException {
    Map<String, String> byAccount = new LinkedHashMap<>();
    for (StripeApi.Customer c : stripe.api().customers()) {
      String account = c.metadata().get(ACCOUNT_KEY);
      if (account != null) {
        byAccount.putIfAbsent(account, c.id());
      }
    }
    Map<String, String> names = new LinkedHashMap<>();
    try (Statement s = warehouse.createStatement();
        ResultSet rs = s.executeQuery("SELECT account_id, account_name FROM " + accounts + " ORDER BY account_id")) {
      while (rs.next()) {
        names.put(rs.getString(1), rs.getString(2));
      }
    }
    int created = 0;
    int unmapped = 0;
    for (Map.Entry<String, String> a : names.entrySet()) {
      if (!byAccount.containsKey(a.getKey())) {
        if (missing == Missing.CREATE) {
          byAccount.put(a.getKey(), stripe.api().createCustomer(a.getValue(), Map.of(ACCOUNT_KEY, a.getKey()),
              "lp-cus-" + a.getKey()));
          created++;
        } else {
          unmapped++;
        }
      }
    }
    int metersCreated = 0;
    if (missing == Missing.CREATE) {
      java.util.Set<String> have = new java.util.HashSet<>();
      stripe.api().meters().stream().filter(StripeApi.Meter::active).forEach(m -> have.add(m.eventName()));
      for (Map.Entry<String, String> m : stripe.config().meters().entrySet()) {
        if (!m.getValue().equalsIgnoreCase("none") && have.add(m.getValue())) {
          stripe.api().createMeter(m.getValue(), m.getKey());
          metersCreated++;
        }
      }
    }
    write(warehouse, byAccount, names);
    int mapped = (int) names.keySet().stream().filter(byAccount::containsKey).count();
    return new Result(names.size(), mapped, created, unmapped, metersCreated);
  }

  private static void write(Connection warehouse, Map<String, String> byAccount, Map<String, String> names)
      throws SQLException {
    boolean auto = warehouse.getAutoCommit();
    warehouse.setAutoCommit(false);
    try (Statement s = warehouse.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS stripe");
      s.execute("CREATE TABLE IF NOT EXISTS stripe.customers (account_id VARCHAR, stripe_customer_id VARCHAR)");
      s.execute("DELETE FROM stripe.customers");
      // multi-row inserts: DuckDB gives each single-row insert of a transaction its own block
      java.util.List<String[]> rows = names.keySet().stream().filter(byAccount::containsKey)
          .map(a -> new String[] {a, byAccount.get(a)}).toList();
      for (int from = 0; from < rows.size(); from += 500) {
        java.util.List<String[]> chunk = rows.subList(from, Math.min(rows.size(), from + 500));
        String values = String.join(", ", java.util.Collections.nCopies(chunk.size(), "(?, ?)"));
        try (PreparedStatement ps = warehouse.prepareStatement("INSERT INTO stripe.customers VALUES " + values)) {
          int p = 1;
          for (String[] r : chunk) {
            ps.setString(p++, r[0]);
            ps.setString(p++, r[1]);
          }
          ps.executeUpdate();
        }
      }
      warehouse.commit();
    } catch (SQLException | RuntimeException e) {
      warehouse.rollback();
      throw e;
    } finally {
      warehouse.setAutoCommit(auto);
    }
  }
}
