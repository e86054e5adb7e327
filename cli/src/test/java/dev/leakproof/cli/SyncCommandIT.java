package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.cli.CliTestSupport.Out;
import dev.leakproof.connectors.salesforce.emulator.EmulatorConfig;
import dev.leakproof.connectors.salesforce.emulator.SalesforceEmulator;
import dev.leakproof.connectors.stripe.emulator.StripeEmulator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo's sync to the emulated org, then the sync commands as a data engineer runs them: a
 * separate process with credentials in the environment, against another emulated org.
 */
class SyncCommandIT {

  private static final Path SYNCS = Path.of("../syncs").toAbsolutePath().normalize();

  @TempDir
  Path tmp;

  @Test
  void theDemoSyncsToAnEmulatedOrgAndTheSyncCommandsWorkAgainstAnother() throws Exception {
    Out demo = inProcess("demo", "--dir", tmp.resolve("demo").toString(), "--accounts", "25", "--seed", "3");
    assertThat(demo.code()).as(demo.stderr()).isZero();
    assertThat(demo.stdout()).contains("salesforce_accounts: SUCCEEDED", "25 created",
        "What sales and CS now see on the Accounts to expand (read back with SOQL):", "Leakproof_Id  Name",
        "SELECT Leakproof_Key__c, Name, StageName, Amount, CloseDate FROM Opportunity",
        "stripe_usage: SUCCEEDED", "capture rate 100.00%; 0 rows with a gap", "stripe_true_ups: SUCCEEDED",
        "The leakage report, for sales, CS and finance: file:");
    assertThat(tmp.resolve("demo/audit/report.html")).isRegularFile();
    Path warehouse = tmp.resolve("demo/audit/.leakproof/warehouse.duckdb");

    Out plan = inProcess("sync", "plan", "salesforce_accounts", "--syncs", SYNCS.toString(), "--warehouse",
        warehouse.toString());
    assertThat(plan.stdout()).contains("Plan for salesforce_accounts (Account upsert on Leakproof_Id__c, from "
        + "crm_account_fields): 0 creates, 0 updates, 0 deletes, 25 unchanged of 25 rows");

    try (SalesforceEmulator org = SalesforceEmulator.start(EmulatorConfig.defaults())) {
      Map<String, String> env = Map.of("SALESFORCE_LOGIN_URL", org.baseUri().toString(), "SALESFORCE_AUTH_CLIENT_ID",
          org.config().clientId(), "SALESFORCE_AUTH_CLIENT_SECRET", org.config().clientSecret());
      Out refused = process(env, "sync", "apply", "salesforce_accounts", "salesforce_opportunities", "--syncs", SYNCS.toString(), "--warehouse", warehouse.toString());
      assertThat(refused.code()).as(refused.stdout()).isEqualTo(3);
      assertThat(refused.stderr()).contains("run `leakproof sync reset salesforce_accounts`");
      assertThat(org.jobs()).isEmpty();

      assertThat(inProcess("sync", "reset", "salesforce_accounts", "--syncs", SYNCS.toString(), "--warehouse",
          warehouse.toString()).stdout()).contains("salesforce_accounts: forgot 25 ledger records");
      Out applied = process(env, "sync", "run", "salesforce_accounts", "--syncs", SYNCS.toString(), "--warehouse",
          warehouse.toString());
      assertThat(applied.code()).as(applied.stderr()).isZero();
      assertThat(applied.stdout()).contains("salesforce_accounts: planned 25 creates", "SUCCEEDED");
      assertThat(org.records("Account")).hasSize(25);

      try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + warehouse); Statement s = db.createStatement()) {
        s.execute("UPDATE main.crm_account_fields SET renewal_risk = 'severe' WHERE account_id = 'ACC-00004'");
        s.execute("UPDATE main.crm_account_fields SET seats_active = seats_active + 1 WHERE account_id = 'ACC-00005'");
      }
      Out partial = process(env, "sync", "apply", "salesforce_accounts", "--syncs", SYNCS.toString(), "--warehouse",
          warehouse.toString());
      assertThat(partial.code()).as(partial.stderr()).isEqualTo(4);
      assertThat(partial.stdout()).contains("planned 0 creates, 2 updates", "1 confirmed, 1 rejected",
          "rejected    ACC-00004                INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");

      Out status = inProcess("sync", "status", "salesforce_accounts", "--syncs", SYNCS.toString(), "--warehouse",
          warehouse.toString());
      assertThat(status.stdout()).contains("PARTIAL", "{CONFIRMED=24, REJECTED=1}",
          "ACC-00004                rejected    INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: ");

      Out noSecret = process(Map.of("SALESFORCE_LOGIN_URL", org.baseUri().toString(), "SALESFORCE_AUTH_CLIENT_ID",
          "x"), "sync", "apply", "--syncs", SYNCS.toString(), "--warehouse", warehouse.toString());
      assertThat(noSecret.code()).isEqualTo(2);
      assertThat(noSecret.stderr()).contains("Invalid salesforce.auth.client-secret: missing");
    }

    // Stripe: another account than the demo's; its customers do not exist there until mapped
    try (StripeEmulator account = StripeEmulator.start(
        dev.leakproof.connectors.stripe.emulator.EmulatorConfig.defaults())) {
      Map<String, String> env = Map.of("STRIPE_API_BASE", account.baseUri().toString(), "STRIPE_METER_EVENTS_BASE",
          account.baseUri().toString(), "STRIPE_API_KEY", account.secretKey(), "LEAKPROOF_WAREHOUSE",
          warehouse.toString());
      Out unmapped = process(env, "sync", "apply", "stripe_usage", "--syncs", SYNCS.toString(), "--warehouse",
          warehouse.toString());
      assertThat(unmapped.code()).as(unmapped.stdout() + unmapped.stderr()).isEqualTo(3);
      assertThat(unmapped.stderr()).contains("leakproof: Cannot apply stripe_usage: 27 problems in its mapping; "
          + "nothing was sent", "ACC-00001: Stripe customer cus_",
          "metric api_calls: no active billing meter has event name api_calls", "... and 7 more");
      assertThat(account.meterEventCount()).isZero();

      Out mapped = process(env, "stripe", "map", "--create-missing", "--syncs", SYNCS.toString(), "--warehouse",
          warehouse.toString());
      assertThat(mapped.stdout()).as(mapped.stderr()).contains("stripe.customers: 25 of 25 accounts mapped (25 customers "
          + "created, 0 without a customer); 3 meters created");
      Out rebuilt = process(env, "models", "run", "-s", "billing_usage+ billing_true_ups+", "--vars",
          "{as_of: " + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "}");
      assertThat(rebuilt.code()).as(rebuilt.stdout() + rebuilt.stderr()).isZero();
      assertThat(process(env, "sync", "reset", "stripe_usage", "--syncs", SYNCS.toString(), "--warehouse",
          warehouse.toString()).code()).isZero();
      Out billed = process(env, "sync", "apply", "stripe_usage", "--syncs", SYNCS.toString(), "--warehouse",
          warehouse.toString(), "--settle", "PT10S");
      assertThat(billed.code()).as(billed.stdout() + billed.stderr()).isZero();
      assertThat(billed.stdout()).contains("stripe_usage: SUCCEEDED", "capture rate 100.00%; 0 rows with a gap");
      assertThat(account.meterEventCount()).isPositive();
      // usage received after its month closed: one invoice item per correction record, of exactly its amount
      try (Connection db = DriverManager.getConnection("jdbc:duckdb:" + warehouse);
          Statement s = db.createStatement(); java.sql.ResultSet rs = s.executeQuery("SELECT count(*), "
              + "coalesce(sum(cast(round(quantity * unit_amount * 100, 0) as bigint)), 0) FROM main.billing_usage "
              + "WHERE bill_as = 'invoice_item' AND quantity <> 0")) {
        rs.next();
        var late = account.invoiceItems().stream().filter(i -> i.metadata().getOrDefault("leakproof_key", "")
            .contains(":late:")).toList();
        assertThat(late).hasSize(rs.getInt(1));
        assertThat(late.stream().mapToLong(i -> i.amount()).sum()).isEqualTo(rs.getLong(2));
      }
    }
  }

  private static Out inProcess(String... args) {
    return CliTestSupport.capture(args);
  }

  private Out process(Map<String, String> env, String... args) throws Exception {
    return CliTestSupport.process(tmp, env, 120, args);
  }
}
