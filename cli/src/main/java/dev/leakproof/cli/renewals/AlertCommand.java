package dev.leakproof.cli.renewals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakproof.cli.support.ExistingWarehouse;
import dev.leakproof.cli.support.UsageException;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leakproof renewals alert}: a Slack-compatible alert for each unsigned renewal of a lane, once. */
@Command(name = "alert", mixinStandardHelpOptions = true,
    description = "Alerts on a Slack-compatible incoming webhook ({\"text\": ...}) for each renewal of a lane "
        + "(default T-30) that is still unsigned, once per renewal; the sync salesforce_renewals then sets its CRM "
        + "renewal status to At Risk.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:alerted", "1:the webhook failed (alerts sent before stay recorded)",
        "2:unusable arguments or no renewal_pipeline in the warehouse"})
final class AlertCommand implements Callable<Integer> {

  static final String KIND = "renewal_alert";

  @Option(names = "--warehouse", required = true, paramLabel = "FILE", description = "The DuckDB warehouse.")
  Path warehouse;

  @Option(names = "--lane", defaultValue = "T-30", paramLabel = "LANE",
      description = "The lane to alert on (default: ${DEFAULT-VALUE}).")
  String lane;

  @Option(names = "--webhook", paramLabel = "URL",
      description = "The incoming webhook (default: $LEAKPROOF_WEBHOOK_URL). Never printed.")
  String webhook;

  @Override
  public Integer call() throws Exception {
    String url = webhook != null ? webhook : System.getenv(Webhook.ENV);
    if (url == null || url.isBlank()) {
      throw new UsageException("Invalid renewals alert: give --webhook URL (or $" + Webhook.ENV + ")");
    }
    Webhook hook = new Webhook(URI.create(url));
    try (DuckDbWarehouse db = ExistingWarehouse.open(warehouse)) {
      List<Renewal> renewals = RenewalSteps.lane(db, lane);
      Notifications ledger = new Notifications(db.connection());
      Set<String> sent = ledger.sent(KIND);
      int alerted = 0;
      for (Renewal r : renewals) {
        if (sent.contains(r.key())) {
          continue;
        }
        String text = String.format(Locale.ROOT, ":rotating_light: *Renewal at risk*: %s (%s, %s) renews on %s, "
            + "in %d days, and is not signed. %s %s a year at stake (uplift %s). Owner: %s.%s%s",
            r.accountName(), r.accountId(), r.contractId(), r.renewalDate(), r.daysToRenewal(), r.currency(),
            r.renewalAmount().toPlainString(), r.upliftAmount().toPlainString(), r.csmEmail(),
            r.riskReasons() == null || r.riskReasons().isBlank() ? "" : " Also: " + r.riskReasons() + ".",
            r.leakageRisk() == null ? "" : " Leakage risk next quarter: " + r.leakageRisk() + ".");
        hook.post(new ObjectMapper().createObjectNode().put("text", text).toString(), KIND + ":" + r.key());
        ledger.record(KIND, r.key(), "webhook:" + hook.host(), r.csmEmail(), Instant.now());
        alerted++;
      }
      System.out.printf(Locale.ROOT, "renewals alert %s: %d unsigned renewals, %d alerts sent to the webhook at %s, "
          + "%d alerted before%n", lane, renewals.size(), alerted, hook.host(), renewals.size() - alerted);
    }
    return 0;
  }
}
