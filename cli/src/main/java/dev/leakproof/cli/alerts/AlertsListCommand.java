package dev.leakproof.cli.alerts;

import dev.leakproof.cli.support.UsageException;
import dev.leakproof.pipelines.lake.Lake;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code leakproof alerts list}: the threshold events of a lake, and whether each was notified. */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "Lists the threshold events in WORK/lake (newest last) and whether each was notified "
        + "(ledger leakproof_sync.notifications in WORK/warehouse.duckdb).",
    exitCodeListHeading = "Exit codes:%n", exitCodeList = {"0:listed", "2:unusable arguments"})
final class AlertsListCommand implements Callable<Integer> {

  @Option(names = "--work-dir", required = true, paramLabel = "DIR",
      description = "The work directory of `stream`, `ingest` or an audit's OUT/.leakproof.")
  Path workDir;

  @Option(names = "--month", paramLabel = "YYYY-MM", description = "Only this billing month.")
  String month;

  @Override
  public Integer call() throws Exception {
    Lake lake = dev.leakproof.cli.lake.WorkLake.open(workDir, "");
    List<ThresholdAlerts.Alert> alerts = new ThresholdAlerts(lake).all();
    Set<String> sent = AlertsSendCommand.sentKeys(workDir.resolve("warehouse.duckdb"));
    int shown = 0;
    System.out.printf(Locale.ROOT, "%-7s %-12s %-14s %5s %16s %16s %-22s %-8s%n", "month", "account", "metric",
        "level", "usage", "included", "detected (UTC)", "notified");
    for (ThresholdAlerts.Alert a : alerts) {
      if (month != null && !a.month().toString().startsWith(month)) {
        continue;
      }
      shown++;
      System.out.printf(Locale.ROOT, "%-7s %-12s %-14s %4d%% %16s %16s %-22s %-8s%n",
          a.month().toString().substring(0, 7), a.accountId(), a.metric(), a.levelPct(), a.usage().toPlainString(),
          a.included().toPlainString(), a.detectedAt().toString().replace('T', ' ').substring(0, 19),
          sent.contains(a.key()) ? "yes" : "no");
    }
    System.out.printf(Locale.ROOT, "%d threshold events%s%n", shown, month == null ? "" : " in " + month);
    return 0;
  }
}
