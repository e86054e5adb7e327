package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.leakproof.cli.CliTestSupport.Out;
import dev.leakproof.connectors.salesforce.emulator.EmulatorConfig;
import dev.leakproof.connectors.salesforce.emulator.SalesforceEmulator;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands the Airflow DAGs call, as separate steps on one long-lived warehouse: ingest,
 * models build and export give the audit's outputs; the renewal steps notify each renewal once
 * (a failing webhook is retried); the review routes contracts to owners; the renewals sync stages
 * renewals in the CRM with the uplifted amount and At Risk from T-30.
 */
class SchedulerCommandsIT {

  @TempDir
  Path tmp;

  @Test
  void theDagStepsOnOneWarehouse() throws Exception {
    Path work = tmp.resolve("work");
    Path warehouse = work.resolve("warehouse.duckdb");
    Map<String, String> env = Map.of("LEAKPROOF_WAREHOUSE", warehouse.toString());
    Out ingest = process(env, "ingest", "--dataset", CliTestSupport.SAMPLE.toString(), "--as-of", "2026-06-15",
        "--work-dir", work.toString());
    assertThat(ingest.code()).as(ingest.stderr()).isZero();
    assertThat(ingest.stdout()).contains("1,181 table rows (0 rejected), 16,406 event lines");
    Out build = process(env, "models", "build", "--vars", "{as_of: 2026-06-15}");
    assertThat(build.code()).as(build.stdout() + build.stderr()).isZero();
    Out export = process(env, "export", "--warehouse", warehouse.toString(), "--out", tmp.resolve("out").toString());
    assertThat(export.code()).as(export.stderr()).isZero();

    Out audit = process(Map.of(), "audit", "--dataset", CliTestSupport.SAMPLE.toString(), "--as-of", "2026-06-15",
        "--out", tmp.resolve("audit").toString(), "--quiet");
    assertThat(audit.code()).as(audit.stderr()).isZero();
    for (String file : List.of("findings.csv", "quarantine.csv", "capture.json")) {
      assertThat(tmp.resolve("out").resolve(file)).as(file).hasSameTextualContentAs(tmp.resolve("audit").resolve(file));
    }
    assertThat(tmp.resolve("out/report.html")).isRegularFile();

    // a second ingest of the same day keeps what the warehouse holds besides the raw tables
    Out drafts = process(env, "renewals", "drafts", "--warehouse", warehouse.toString(), "--lane", "T-60", "--out",
        tmp.resolve("drafts").toString());
    assertThat(drafts.stdout()).contains("renewals drafts T-60: 2 renewals, 2 emails queued");
    assertThat(tmp.resolve("drafts/renewal-CTR-00010-2026-08-01.eml")).content()
        .contains("To: csm3@example.com", "Subject: Renewal on 2026-08-01: Customer 10, USD 1149.00", "X-Unsent: 1",
            "5 seats at USD 19.15 a seat-month (this year 17.90", "At risk: no CSM contact in 30 days; usage declining");
    assertThat(process(env, "ingest", "--dataset", CliTestSupport.SAMPLE.toString(), "--as-of", "2026-06-15",
        "--work-dir", work.toString()).code()).isZero();
    assertThat(process(env, "models", "build", "--vars", "{as_of: 2026-06-15}").code()).isZero();
    assertThat(process(env, "renewals", "drafts", "--warehouse", warehouse.toString(), "--out",
        tmp.resolve("drafts").toString()).stdout()).contains("2 renewals, 0 emails queued", "2 queued before");

    // the T-30 alert: the webhook fails once with a 503, then takes it; a re-run sends nothing
    List<String> posted = new CopyOnWriteArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    HttpServer hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext("/hook", x -> {
      byte[] body = x.getRequestBody().readAllBytes();
      int status = calls.incrementAndGet() == 1 ? 503 : 200;
      if (status == 200) {
        posted.add(x.getRequestHeaders().getFirst("Idempotency-Key") + " " + new String(body, StandardCharsets.UTF_8));
      }
      x.sendResponseHeaders(status, -1);
      x.close();
    });
    hook.start();
    try {
      String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
      Out alert = process(env, "renewals", "alert", "--warehouse", warehouse.toString(), "--webhook", url);
      assertThat(alert.code()).as(alert.stderr()).isZero();
      assertThat(alert.stdout()).contains("1 unsigned renewals, 1 alerts sent to the webhook at 127.0.0.1")
          .doesNotContain(url);
      assertThat(posted).singleElement().asString().startsWith("renewal_alert:CTR-00004|2026-07-01 {\"text\":")
          .contains("Customer 4 (ACC-00004, CTR-00004) renews on 2026-07-01", "USD 79830.00 a year at stake");
      Out again = process(Map.of("LEAKPROOF_WAREHOUSE", warehouse.toString(), "LEAKPROOF_WEBHOOK_URL", url),
          "renewals", "alert", "--warehouse", warehouse.toString());
      assertThat(again.stdout()).contains("0 alerts sent", "1 alerted before");
      assertThat(posted).hasSize(1);
    } finally {
      hook.stop(0);
    }

    // usage thresholds the ingestion raised: each notified once though the webhook fails first
    Out listed = process(env, "alerts", "list", "--work-dir", work.toString());
    assertThat(listed.code()).as(listed.stderr()).isZero();
    java.util.regex.Matcher count = java.util.regex.Pattern.compile("(\\d+) threshold events").matcher(listed.stdout());
    assertThat(count.find()).as(listed.stdout()).isTrue();
    int thresholds = Integer.parseInt(count.group(1));
    assertThat(thresholds).isGreaterThan(10);
    assertThat(listed.stdout()).contains("ACC-00003    api_calls       100%").doesNotContain(" yes");
    Map<String, Integer> accepted = new java.util.concurrent.ConcurrentHashMap<>();
    AtomicInteger attempts = new AtomicInteger();
    HttpServer usageHook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    usageHook.createContext("/usage", x -> {
      String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      int status = attempts.incrementAndGet() == 1 ? 500 : 200;
      if (status == 200) {
        accepted.merge(x.getRequestHeaders().getFirst("Idempotency-Key") + " " + body, 1, Integer::sum);
      }
      x.sendResponseHeaders(status, -1);
      x.close();
    });
    usageHook.start();
    try {
      String url = "http://127.0.0.1:" + usageHook.getAddress().getPort() + "/usage";
      Out sent = process(env, "alerts", "send", "--work-dir", work.toString(), "--webhook", url);
      assertThat(sent.code()).as(sent.stderr()).isZero();
      assertThat(sent.stdout()).contains(thresholds + " threshold notifications sent to the webhook at 127.0.0.1")
          .doesNotContain(url);
      assertThat(attempts.get()).isEqualTo(thresholds + 1);
      assertThat(accepted).hasSize(thresholds).allSatisfy((k, n) -> assertThat(n).isOne());
      assertThat(accepted.keySet()).anyMatch(k -> k.startsWith("usage_threshold:ACC-00003|api_calls|")
          && k.contains("*Usage threshold 100%*: Customer 3 (ACC-00003) used") && k.contains("CSM: csm"));
      Out again = process(env, "alerts", "send", "--work-dir", work.toString(), "--webhook", url);
      assertThat(again.stdout()).contains("0 threshold notifications sent", thresholds + " sent before");
      assertThat(attempts.get()).isEqualTo(thresholds + 1);
      assertThat(process(env, "alerts", "list", "--work-dir", work.toString()).stdout()).doesNotContain(" no\n");
    } finally {
      usageHook.stop(0);
    }

    // the review, routed by the owners file; every escalation copied to escalate_to
    Path owners = Files.writeString(tmp.resolve("owners.yml"),
        "default: revops@example.com\nescalate_to: vp-cs@example.com\nowners:\n  csm4@example.com: emea-lead@example.com\n");
    Out review = process(env, "review", "--warehouse", warehouse.toString(), "--out", tmp.resolve("review").toString(),
        "--scope", "renewing", "--owners", owners.toString());
    assertThat(review.code()).as(review.stderr()).isZero();
    assertThat(review.stdout()).contains("review (renewing): 4 contracts: 3 escalate, 0 flag, 1 clean");
    assertThat(tmp.resolve("review/review-emea-lead@example.com.md")).content()
        .contains("| CTR-00004 | Customer 4 (ACC-00004) | USD 4471.50 | USD 79830.00 | 2026-07-01 |");
    assertThat(tmp.resolve("review/review-vp-cs@example.com.md")).content().contains("## escalate (3)");
    List<java.util.Map<String, String>> csv = CliTestSupport.readCsv(tmp.resolve("review/review.csv"));
    assertThat(csv).extracting(r -> r.get("contract_id") + ":" + r.get("routed_to") + ":" + r.get("status"))
        .contains("CTR-00004:emea-lead@example.com:escalate");
    // review.csv ends with what identifies each reviewed contract and an empty decision; filled in
    // (every contract with findings confirmed, CTR-00004 dismissed) it reads back as labels
    assertThat(csv).allSatisfy(r -> assertThat(r.get("decision")).isEmpty());
    assertThat(csv).filteredOn(r -> r.get("contract_id").equals("CTR-00004")).singleElement().satisfies(r -> {
      assertThat(r.get("account_id")).isEqualTo("ACC-00004");
      assertThat(r.get("leak_type")).isNotEmpty();
      assertThat(r.get("period_start")).matches("\\d{4}-\\d{2}");
      assertThat(r.get("period_end")).matches("\\d{4}-\\d{2}");
    });
    List<String> lines = Files.readAllLines(tmp.resolve("review/review.csv"));
    assertThat(lines.get(0)).endsWith(",leak_type,period_start,period_end,decision");
    List<String> filled = new java.util.ArrayList<>(List.of(lines.get(0)));
    for (int i = 0; i < csv.size(); i++) {
      String decision = csv.get(i).get("period_start").isEmpty() ? ""
          : csv.get(i).get("contract_id").equals("CTR-00004") ? "dismissed" : "confirmed";
      filled.add(lines.get(i + 1) + decision);
    }
    Path decided = Files.write(tmp.resolve("review-decided.csv"), filled);
    List<dev.leakproof.cli.ml.ReviewDecisions.Label> labels = dev.leakproof.cli.ml.ReviewDecisions.read(decided);
    assertThat(labels).hasSize((int) csv.stream().filter(r -> !r.get("period_start").isEmpty()).count())
        .extracting(l -> l.contractId() + ":" + l.decision()).contains("CTR-00004:DISMISSED");
    Out all = process(env, "review", "--warehouse", warehouse.toString(), "--out", tmp.resolve("review").toString());
    assertThat(all.stdout()).contains("review (all): 30 contracts: 4 escalate, 14 flag, 12 clean");
    Out badOwners = process(env, "review", "--warehouse", warehouse.toString(), "--out", tmp.resolve("r2").toString(),
        "--owners", Files.writeString(tmp.resolve("bad.yml"), "- a\n- b\n").toString());
    assertThat(badOwners.code()).isEqualTo(2);
    assertThat(badOwners.stderr().strip()).startsWith("leakproof: Invalid --owners").doesNotContain("\n");

    // T-90: renewals staged as Renewal Opportunities with the uplifted amount; At Risk from T-30
    try (SalesforceEmulator org = SalesforceEmulator.start(EmulatorConfig.defaults())) {
      Map<String, String> sf = Map.of("SALESFORCE_LOGIN_URL", org.baseUri().toString(), "SALESFORCE_AUTH_CLIENT_ID",
          org.config().clientId(), "SALESFORCE_AUTH_CLIENT_SECRET", org.config().clientSecret());
      for (String sync : List.of("salesforce_accounts", "salesforce_renewals")) {
        Out plan = process(sf, "sync", "plan", sync, "--warehouse", warehouse.toString());
        assertThat(plan.code()).as(plan.stderr()).isZero();
        Out applied = process(sf, "sync", "apply", sync, "--warehouse", warehouse.toString());
        assertThat(applied.code()).as(applied.stdout() + applied.stderr()).isZero();
      }
      List<Map<String, Object>> renewals = org.records("Opportunity");
      assertThat(renewals).extracting(r -> r.get("Leakproof_Key__c") + " " + r.get("Amount") + " "
          + r.get("Renewal_Status__c")).containsExactlyInAnyOrder(
              "RN-CTR-00004-2026-07 79830.00 At Risk", "RN-CTR-00010-2026-08 1149.00 On Track",
              "RN-CTR-00005-2026-08 2262.00 On Track", "RN-CTR-00011-2026-09 2555.40 On Track");
      Out second = process(sf, "sync", "apply", "salesforce_renewals", "--warehouse", warehouse.toString());
      assertThat(second.stdout()).contains("planned 0 creates, 0 updates");
    }
  }

  private Out process(Map<String, String> env, String... args) throws Exception {
    return CliTestSupport.process(tmp, env, 180, args);
  }
}
