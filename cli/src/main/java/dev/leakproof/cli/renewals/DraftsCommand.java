package dev.leakproof.cli.renewals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leakproof.cli.support.ExistingWarehouse;
import dev.leakproof.cli.support.UsageException;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leakproof renewals drafts}: the CSM's renewal email for each renewal of a lane, queued once. */
@Command(name = "drafts", mixinStandardHelpOptions = true,
    description = "Queues the CSM's renewal email for each renewal of a lane (default T-60) with a usage summary: "
        + "an unsent .eml draft per renewal in --out, or, with --webhook (or $LEAKPROOF_WEBHOOK_URL), a JSON POST "
        + "{to, subject, body} to a mail or automation webhook. Renewals already queued are skipped.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:queued", "1:the webhook failed (what was queued before stays recorded)",
        "2:unusable arguments or no renewal_pipeline in the warehouse"})
final class DraftsCommand implements Callable<Integer> {

  static final String KIND = "renewal_email";

  @Option(names = "--warehouse", required = true, paramLabel = "FILE", description = "The DuckDB warehouse.")
  Path warehouse;

  @Option(names = "--lane", defaultValue = "T-60", paramLabel = "LANE",
      description = "The lane to queue emails for: T-90, T-60 or T-30 (default: ${DEFAULT-VALUE}).")
  String lane;

  @Option(names = "--out", paramLabel = "DIR", description = "Where the .eml drafts are written.")
  Path out;

  @Option(names = "--webhook", paramLabel = "URL", description = "POST each email as JSON here instead "
      + "(default: $LEAKPROOF_WEBHOOK_URL when --out is not given). Never printed.")
  String webhook;

  @Option(names = "--from", defaultValue = "leakproof@localhost", paramLabel = "ADDRESS",
      description = "The drafts' From address (default: ${DEFAULT-VALUE}).")
  String from;

  @Override
  public Integer call() throws Exception {
    String url = webhook != null ? webhook : out == null ? System.getenv(Webhook.ENV) : null;
    if (out == null && (url == null || url.isBlank())) {
      throw new UsageException("Invalid renewals drafts: give --out DIR or --webhook URL (or $" + Webhook.ENV + ")");
    }
    Webhook hook = url == null ? null : new Webhook(URI.create(url));
    try (DuckDbWarehouse db = ExistingWarehouse.open(warehouse)) {
      List<Renewal> renewals = RenewalSteps.lane(db, lane);
      Notifications ledger = new Notifications(db.connection());
      Set<String> sent = ledger.sent(KIND);
      int queued = 0;
      for (Renewal r : renewals) {
        if (sent.contains(r.key())) {
          continue;
        }
        String subject = String.format(Locale.ROOT, "Renewal on %s: %s, %s %s", r.renewalDate(), r.accountName(),
            r.currency(), r.renewalAmount().toPlainString());
        String body = body(r);
        if (hook != null) {
          ObjectNode json = new ObjectMapper().createObjectNode().put("to", r.csmEmail()).put("subject", subject)
              .put("body", body).put("contract_id", r.contractId()).put("renewal_date", r.renewalDate().toString());
          if (r.leakageRiskPct() != null) {
            json.put("leakage_risk_pct", r.leakageRiskPct()).put("leakage_risk_band", r.leakageRiskBand());
          }
          hook.post(json.toString(), KIND + ":" + r.key());
          ledger.record(KIND, r.key(), "webhook:" + hook.host(), r.csmEmail(), Instant.now());
        } else {
          Files.createDirectories(out);
          Path file = out.resolve("renewal-" + r.contractId() + "-" + r.renewalDate() + ".eml");
          Path tmp = out.resolve("." + file.getFileName() + ".tmp");
          Files.writeString(tmp, eml(r, subject, body), StandardCharsets.UTF_8);
          Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
          ledger.record(KIND, r.key(), "file:" + out.toAbsolutePath(), r.csmEmail(), Instant.now());
        }
        queued++;
      }
      System.out.printf(Locale.ROOT, "renewals drafts %s: %d renewals, %d emails queued (%s), %d queued before%n",
          lane, renewals.size(), queued, hook != null ? "webhook at " + hook.host() : "drafts in " + out,
          renewals.size() - queued);
    }
    return 0;
  }

  private static String body(Renewal r) {
    return String.format(Locale.ROOT, "Hello,%n%n%s (%s) renews on %s, in %d days. The renewal: %,d seats at %s %s "
        + "a seat-month (this year %s; the contracted uplift adds %s %s a year), %s %s a year.%n%n%s%n%n%s"
        + "Suggested next step: book the renewal call and confirm seats and price.%n%n-- Leakproof",
        r.accountName(), r.accountId(), r.renewalDate(), r.daysToRenewal(), r.seatsLicensed(), r.currency(),
        r.renewalSeatPrice().toPlainString(), r.currentSeatPrice().toPlainString(), r.currency(),
        r.upliftAmount().toPlainString(), r.currency(), r.renewalAmount().toPlainString(), r.usageSummary(),
        r.atRisk() ? "At risk: " + r.riskReasons() + ".\n\n" : "");
  }

  private String eml(Renewal r, String subject, String body) {
    return "From: " + from + "\r\nTo: " + r.csmEmail() + "\r\nSubject: " + subject + "\r\nDate: "
        + DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().atOffset(ZoneOffset.UTC)) + "\r\nX-Unsent: 1\r\n"
        + "X-Leakproof-Key: " + KIND + ":" + r.key() + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; "
        + "charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n" + body.replace("\n", "\r\n") + "\r\n";
  }
}
