package dev.leakproof.datagen;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Writes {@code _generator/injected_leaks.csv}: one row per expected finding key. */
final class InjectedLeaksCsv {

  static final String[] HEADER = {"leak_type", "account_id", "contract_id", "metric", "first_month",
      "last_month", "amount"};

  private InjectedLeaksCsv() {}

  static void write(Path file, List<InjectedLeak> leaks) throws IOException {
    try (CsvWriter csv = new CsvWriter(file, HEADER)) {
      for (InjectedLeak l : leaks) {
        csv.row(l.leakType().code(), l.accountId(), l.contractId(), l.metric(), l.firstMonth(), l.lastMonth(),
            l.amount().toPlainString());
      }
    }
  }
}
