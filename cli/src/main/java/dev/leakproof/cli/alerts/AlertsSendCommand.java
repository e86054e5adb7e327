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
public final class AlertsSendCommand implements Callable<Integer> {

  public static final String KIND = "usage_threshold";
  static final String LAG_KIND = "metering_lag";

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

  @Option(names = "--lag-bound", defaultValue = "5m", paramLabel = "DURATION",
      description = "An hour whose metering lag p99 (received to committed, kept by `stream` in the lake's "
          + "metering_lag table) is over this is alerted once too (default: ${DEFAULT-VALUE}).")
  String lagBound;

  @Override
  public Integer call() throws Exception {
    String url = webhook != null ? webhook : System.getenv(Webhook.ENV);
    if (url == null || url.isBlank()) {
      throw new UsageException("Invalid alerts send: give --webhook URL (or $" + Webhook.ENV + ")");
    }
    Lake workLake = dev.leakproof.cli.lake.WorkLake.open(workDir, "");
    Duration every;
    Duration bound;
    try {
      every = dev.leakproof.cli.stream.StreamingSettings.parseDuration("--interval", interval);
      bound = dev.leakproof.cli.stream.StreamingSettings.parseDuration("--lag-bound", lagBound);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Webhook hook = new Webhook(URI.create(url));
    ThresholdAlerts lake = new ThresholdAlerts(workLake);
    Path warehouse = workDir.resolve("warehouse.duckdb");
    Set<String> sent = sentKeys(warehouse);
    int before = sent.size();
    Set<String> lagSent = sentKeys(warehouse, LAG_KIND);
    int lagAlerts = 0;
    Signals signals = follow ? Signals.install() : null;
    Long seen = null;
    int total = 0;
    do {
      ThresholdAlerts.Batch batch = lake.since(seen);
      if (!Objects.equals(batch.snapshotId(), seen)) {
        seen = batch.snapshotId();
        List<Notice> fresh = batch.alerts().stream().filter(a -> !sent.contains(a.key()))
            .map(ThresholdAlerts.Alert::notice).toList();
        if (!fresh.isEmpty()) {
          total += send(KIND, fresh, hook, warehouse, sent);
        }
        List<Notice> slow = lake.lagOver(bound.toMillis()).stream().filter(a -> !lagSent.contains(a.key()))
            .map(a -> a.notice(bound)).toList();
        if (!slow.isEmpty()) {
          lagAlerts += send(LAG_KIND, slow, hook, warehouse, lagSent);
        }
      }
    } while (follow && !signals.awaitStop(every.toMillis()));
    System.out.printf(Locale.ROOT, "alerts send: %d threshold notifications sent to the webhook at %s, %d sent "
        + "before; %d metering lag alerts (p99 over %s)%n", total, hook.host(), before, lagAlerts, bound);
    return 0;
  }

  /** Webhook posts in flight at once. */
  public static final int IN_FLIGHT = 8;
  /** Notifications recorded in one ledger transaction. */
  static final int BATCH = 64;

  /** One message to post: its ledger key, its text, and who it is for (or null). */
  public record Notice(String key, String text, String recipient) {}

  /**
   * Posts each notice of {@code kind} not in the ledger (rechecked first), up to
   * {@link #IN_FLIGHT} at a time, and records those the webhook accepted, a batch of up to
   * {@link #BATCH} in one insert once all its posts are answered; when a post fails for good, the
   * ones accepted before are still recorded and the failure is thrown. A crash between an accepted
   * post and its batch's commit can notify at most that batch again (each post carries an
   * Idempotency-Key for receivers that honour one).
   *
   * @param sent the keys of {@code kind} known to be sent; the ones sent now are added
   * @return the notifications sent
   */
  public static int send(String kind, List<Notice> notices, Webhook hook, Path warehouse, Set<String> sent)
      throws Exception {
    int n = 0;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(IN_FLIGHT);
    try (DuckDbWarehouse db = DuckDbWarehouse.open(DuckDbWarehouse.Settings.defaults(warehouse))) {
      Notifications ledger = new Notifications(db.connection());
      sent.addAll(ledger.sent(kind));
      List<Notice> todo = notices.stream().filter(a -> !sent.contains(a.key())).toList();
      ObjectMapper json = new ObjectMapper();
      for (int from = 0; from < todo.size(); from += BATCH) {
        List<Notice> chunk = todo.subList(from, Math.min(todo.size(), from + BATCH));
        List<java.util.concurrent.Future<Notifications.Sent>> posts = new java.util.ArrayList<>();
        for (Notice a : chunk) {
          posts.add(pool.submit(() -> {
            hook.post(json.createObjectNode().put("text", a.text()).toString(), kind + ":" + a.key());
            return new Notifications.Sent(a.key(), a.recipient(), Instant.now());
          }));
        }
        List<Notifications.Sent> accepted = new java.util.ArrayList<>();
        Exception failure = null;
        for (java.util.concurrent.Future<Notifications.Sent> f : posts) {
          try {
            accepted.add(f.get());
          } catch (java.util.concurrent.ExecutionException e) {
            failure = failure != null ? failure : e.getCause() instanceof Exception c ? c : e;
          }
        }
        ledger.recordAll(kind, "webhook:" + hook.host(), accepted);
        accepted.forEach(a -> sent.add(a.key()));
        n += accepted.size();
        if (failure != null) {
          throw failure;
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return n;
  }

  /** The threshold keys already notified (none when the warehouse does not exist yet). */
  public static Set<String> sentKeys(Path warehouse) throws Exception {
    return sentKeys(warehouse, KIND);
  }

  static Set<String> sentKeys(Path warehouse, String kind) throws Exception {
    if (!Files.exists(warehouse)) {
      return new HashSet<>();
    }
    try (DuckDbWarehouse db = DuckDbWarehouse.open(DuckDbWarehouse.Settings.defaults(warehouse))) {
      return new HashSet<>(new Notifications(db.connection()).sent(kind));
    }
  }
}
