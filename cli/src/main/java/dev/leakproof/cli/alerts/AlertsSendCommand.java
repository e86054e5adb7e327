package dev.leakproof.cli.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.leakproof.cli.renewals.Notifications;
import dev.leakproof.cli.renewals.Webhook;
import dev.leakproof.cli.stream.Signals;
import dev.leakproof.cli.support.UsageException;
import dev.leakproof.pipelines.lake.Lake;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code leakproof alerts send}: each threshold event of the lake notified once on a
 * Slack-compatible webhook, recorded in the notifications ledger the renewal alerts use. With
 * {@code --follow} it watches the lake and notifies each new event as soon as it is committed.
 */
@Command(name = "send", mixinStandardHelpOptions = true,
    description = "Posts each threshold event of WORK/lake not notified yet to a Slack-compatible incoming webhook "
        + "({\"text\": ...}, naming the account's CSM), once: 429 and 5xx are retried with backoff and Retry-After "
        + "is honoured; what the webhook accepted is recorded in WORK/warehouse.duckdb "
        + "(leakproof_sync.notifications). --follow keeps watching the lake until Ctrl-C.",
    exitCodeListHeading = "Exit codes:%n",
    exitCodeList = {"0:sent", "1:the webhook failed (what it accepted before stays recorded)",
        "2:unusable arguments"})
final class AlertsSendCommand implements Callable<Integer> {

  static final String KIND = "usage_threshold";

  @Option(names = "--work-dir", required = true, paramLabel = "DIR",
      description = "The work directory of `stream`, `ingest` or an audit's OUT/.leakproof.")
  Path workDir;

  @Option(names = "--webhook", paramLabel = "URL",
      description = "The incoming webhook (default: $LEAKPROOF_WEBHOOK_URL). Never printed.")
  String webhook;

  @Option(names = "--follow", description = "Keep watching the lake for new threshold events until Ctrl-C.")
  boolean follow;

  @Option(names = "--interval", defaultValue = "1s", paramLabel = "DURATION",
      description = "How often --follow looks at the lake (default: ${DEFAULT-VALUE}).")
  String interval;

  @Override
  public Integer call() throws Exception {
    String url = webhook != null ? webhook : System.getenv(Webhook.ENV);
    if (url == null || url.isBlank()) {
      throw new UsageException("Invalid alerts send: give --webhook URL (or $" + Webhook.ENV + ")");
    }
    Path lakeDir = workDir.resolve("lake");
    if (!Files.isDirectory(lakeDir)) {
      throw new UsageException("Invalid --work-dir: " + workDir + " has no lake");
    }
    Duration every;
    try {
      every = dev.leakproof.cli.stream.StreamingSettings.parseDuration("--interval", interval);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Webhook hook = new Webhook(URI.create(url));
    ThresholdAlerts lake = new ThresholdAlerts(new Lake(lakeDir));
    Path warehouse = workDir.resolve("warehouse.duckdb");
    Set<String> sent = sentKeys(warehouse);
    Signals signals = follow ? Signals.install() : null;
    Long seen = null;
    int total = 0;
    do {
      Long now = lake.snapshotId();
      if (now != null && !Objects.equals(now, seen)) {
        seen = now;
        List<ThresholdAlerts.Alert> fresh = lake.all().stream().filter(a -> !sent.contains(a.key())).toList();
        if (!fresh.isEmpty()) {
          total += send(fresh, hook, warehouse, sent);
        }
      }
    } while (follow && !signals.awaitStop(every.toMillis()));
    System.out.printf(Locale.ROOT, "alerts send: %d threshold notifications sent to the webhook at %s, %d sent "
        + "before%n", total, hook.host(), sent.size() - total);
    return 0;
  }

  /** Posts each alert, recording it once the webhook accepted it (the ledger is rechecked first). */
  private static int send(List<ThresholdAlerts.Alert> alerts, Webhook hook, Path warehouse, Set<String> sent)
      throws Exception {
    int n = 0;
    try (DuckDbWarehouse db = DuckDbWarehouse.open(DuckDbWarehouse.Settings.defaults(warehouse))) {
      Notifications ledger = new Notifications(db.connection());
      sent.addAll(ledger.sent(KIND));
      ObjectMapper json = new ObjectMapper();
      for (ThresholdAlerts.Alert a : alerts) {
        if (sent.contains(a.key())) {
          continue;
        }
        hook.post(json.createObjectNode().put("text", a.text()).toString(), KIND + ":" + a.key());
        ledger.record(KIND, a.key(), "webhook:" + hook.host(), a.csmEmail(), Instant.now());
        sent.add(a.key());
        n++;
      }
    }
    return n;
  }

  /** The threshold keys already notified (none when the warehouse does not exist yet). */
  static Set<String> sentKeys(Path warehouse) throws Exception {
    if (!Files.exists(warehouse)) {
      return new HashSet<>();
    }
    try (DuckDbWarehouse db = DuckDbWarehouse.open(DuckDbWarehouse.Settings.defaults(warehouse))) {
      return new HashSet<>(new Notifications(db.connection()).sent(KIND));
    }
  }
}
