package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A dataset that breaks the input contract exits 2 with one line naming the file and column, and
 * leaves nothing behind; bad rows are quarantined with their reason and the audit goes on.
 */
class DatasetContractIT {

  @TempDir Path tmp;

  Path dataset() throws Exception {
    return CliTestSupport.copySample(tmp.resolve("dataset"));
  }

  CliTestSupport.Run audit(Path dataset, String asOf) {
    return CliTestSupport.run("audit", "--dataset", dataset.toString(), "--as-of", asOf, "--out",
        tmp.resolve("out").toString(), "--quiet");
  }

  void assertRejectedWith(CliTestSupport.Run run, String message) throws Exception {
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip()).isEqualTo("leakproof: " + message);
    assertThat(run.err().strip().lines()).hasSize(1);
    assertThat(Files.exists(tmp.resolve("out"))).as("no output written").isFalse();
  }

  @Test
  void missingFile() throws Exception {
    Path d = dataset();
    Files.delete(d.resolve("contracts.csv"));
    assertRejectedWith(audit(d, "2026-06-15"), "contracts.csv: missing file (expected in " + d + ")");
  }

  @Test
  void missingEventFiles() throws Exception {
    Path d = dataset();
    Files.delete(d.resolve("seat_events.jsonl"));
    assertRejectedWith(audit(d, "2026-06-15"), "seat_events*.jsonl: missing file (expected in " + d + ")");
  }

  @Test
  void missingColumn() throws Exception {
    Path d = dataset();
    List<String> lines = Files.readAllLines(d.resolve("invoices.csv"));
    lines.set(0, lines.get(0).replace(",status", ""));
    Files.write(d.resolve("invoices.csv"), lines);
    assertRejectedWith(audit(d, "2026-06-15"), "invoices.csv: missing column status");
  }

  @Test
  void brokenHeader() throws Exception {
    Path d = dataset();
    List<String> lines = Files.readAllLines(d.resolve("price_book.csv"));
    lines.set(0, "plan_id,price_version,,metric,included_units,overage_unit_price,effective_from");
    Files.write(d.resolve("price_book.csv"), lines);
    assertRejectedWith(audit(d, "2026-06-15"), "price_book.csv: broken header: column 3 has no name");
  }

  @Test
  void unusableArguments() throws Exception {
    Path d = dataset();
    assertRejectedWith(audit(d, "2026-13-01"), "Invalid --as-of: '2026-13-01' is not a YYYY-MM-DD date");
    assertRejectedWith(audit(tmp.resolve("nowhere"), "2026-06-15"),
        "Invalid --dataset: " + tmp.resolve("nowhere") + " is not a folder");
  }

  @Test
  void badRowsAreQuarantinedAndTheAuditGoesOn() throws Exception {
    Path d = dataset();
    List<String> lines = Files.readAllLines(d.resolve("invoice_lines.csv"));
    lines.set(5, lines.get(5).replaceFirst(",[^,]*$", ",12O.00"));
    lines.add("INV-9999999,1,seats,,5,10.00,50.00");
    Files.write(d.resolve("invoice_lines.csv"), lines);
    List<String> invoices = Files.readAllLines(d.resolve("invoices.csv"));
    invoices.add("INV-8888888,CTR-99999,ACC-00001,2026-01-01,2026-01-31,2026-02-01,paid");
    Files.write(d.resolve("invoices.csv"), invoices);

    CliTestSupport.Run run = audit(d, "2026-06-15");
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> quarantine = Files.readAllLines(tmp.resolve("out/quarantine.csv"));
    assertThat(quarantine).hasSize(1 + 66 + 3);
    assertThat(quarantine).contains(
        "invoice_lines.csv,6,invalid_value: amount '12O.00' is not a decimal,\"INV-0000005,1,seats,,50,18.65,12O.00\"",
        "invoice_lines.csv,632,unknown_invoice: invoice_id 'INV-9999999' is not a known invoice,"
            + "\"INV-9999999,1,seats,,5,10.00,50.00\"",
        "invoices.csv,426,unknown_contract: contract_id 'CTR-99999' is not a known contract,"
            + "\"INV-8888888,CTR-99999,ACC-00001,2026-01-01,2026-01-31,2026-02-01,paid\"");
    JsonNode capture = new ObjectMapper().readTree(tmp.resolve("out/capture.json").toFile());
    assertThat(capture.at("/source_tables/invoice_lines.csv/rows").asLong()).isEqualTo(631);
    assertThat(capture.at("/source_tables/invoice_lines.csv/loaded").asLong()).isEqualTo(629);
    assertThat(capture.at("/source_tables/invoice_lines.csv/rejected_by_reason/invalid_value").asLong()).isEqualTo(1);
    assertThat(capture.at("/source_tables/invoices.csv/rejected").asLong()).isEqualTo(1);
    // the rejected seats line leaves 2024-10 of CTR-00002 without seats billed: found, not lost
    assertThat(Files.readString(tmp.resolve("out/findings.csv")))
        .contains("seat_count_mismatch,leakage,ACC-00002,CTR-00002,,2024-10,2024-10,932.50");
  }

  @Test
  void anExistingFolderThatIsNotAWorkDirectoryIsRefused() throws Exception {
    Path d = dataset();
    Path work = tmp.resolve("precious");
    Files.createDirectories(work);
    Files.writeString(work.resolve("notes.txt"), "keep me");
    CliTestSupport.Run run = CliTestSupport.run("audit", "--dataset", d.toString(), "--as-of", "2026-06-15",
        "--out", tmp.resolve("out").toString(), "--work-dir", work.toString(), "--quiet");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("is not empty and not a Leakproof work directory");
    try (Stream<Path> files = Files.list(work)) {
      assertThat(files).hasSize(1);
    }
  }
}
