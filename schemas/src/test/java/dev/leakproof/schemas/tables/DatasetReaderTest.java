package dev.leakproof.schemas.tables;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReaderTest {

  static final Path SAMPLE = Path.of("../../shared/sample-dataset").toAbsolutePath().normalize();

  @TempDir Path dir;

  @BeforeEach
  void copySample() throws Exception {
    try (Stream<Path> files = Files.list(SAMPLE)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Files.copy(f, dir.resolve(f.getFileName()));
      }
    }
  }

  @Test
  void readsTheSampleWithoutRejections() throws Exception {
    SourceData data = new DatasetReader(dir).read();
    assertThat(data.rejections()).isEmpty();
    assertThat(data.table(SourceTable.CONTRACTS).rows()).hasSize(30);
    assertThat(data.table(SourceTable.INVOICE_LINES).rows()).hasSize(630);
  }

  @Test
  void aMissingFileNamesTheFile() throws Exception {
    Files.delete(dir.resolve("invoices.csv"));
    assertThatThrownBy(() -> new DatasetReader(dir).read())
        .isInstanceOf(DatasetContractException.class)
        .hasMessageStartingWith("invoices.csv: missing file");
  }

  @Test
  void aMissingColumnNamesFileAndColumn() throws Exception {
    replaceHeader("contracts.csv", "seats_licensed,", "");
    assertThatThrownBy(() -> new DatasetReader(dir).read())
        .isInstanceOf(DatasetContractException.class)
        .hasMessage("contracts.csv: missing column seats_licensed");
  }

  @Test
  void aBrokenHeaderIsStructural() throws Exception {
    replaceHeader("accounts.csv", "account_name", "account_id");
    assertThatThrownBy(() -> new DatasetReader(dir).read())
        .hasMessage("accounts.csv: broken header: column account_id appears twice");
    Files.writeString(dir.resolve("workspaces.csv"), "");
    assertThatThrownBy(() -> new DatasetReader(dir).checkStructure()).isInstanceOf(DatasetContractException.class);
  }

  @Test
  void columnsInAnyOrderAndExtraColumnsAreFine() throws Exception {
    Files.writeString(dir.resolve("workspaces.csv"), "note,account_id,workspace_id\nx,ACC-00001,ws-00001-0\n");
    SourceData data = new DatasetReader(dir).read();
    assertThat(data.table(SourceTable.WORKSPACES).rows()).hasSize(1);
    assertThat(data.table(SourceTable.WORKSPACES).rows().get(0).get(0)).isEqualTo("ws-00001-0");
  }

  @Test
  void badRowsAreRejectedWithFileLineAndReasonAndTheRestIsKept() throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve("invoice_lines.csv"));
    lines.set(1, lines.get(1).replace("18868.00", "18,868"));
    lines.add("INV-9999999,1,seats,,5,10.00,50.00");
    Files.write(dir.resolve("invoice_lines.csv"), lines);
    List<String> invoices = Files.readAllLines(dir.resolve("invoices.csv"));
    invoices.add("INV-8888888,CTR-99999,ACC-00001,2026-01-01,2026-01-31,2026-02-01,paid");
    invoices.add("INV-0000001,CTR-00001,ACC-00001,2026-03-01,2026-03-31,2026-04-01,paid");
    Files.write(dir.resolve("invoices.csv"), invoices);

    SourceData data = new DatasetReader(dir).read();
    assertThat(data.rejections()).extracting(r -> r.sourceFile() + ":" + r.lineNo() + " " + r.code())
        .containsExactly(
            "invoices.csv:426 unknown_contract",
            "invoices.csv:427 duplicate_key",
            "invoice_lines.csv:2 malformed_row",
            "invoice_lines.csv:632 unknown_invoice");
    assertThat(data.rejections().get(0).reason()).isEqualTo("unknown_contract: contract_id 'CTR-99999' is not a known contract");
    assertThat(data.table(SourceTable.INVOICE_LINES).rows()).hasSize(629);
    assertThat(data.table(SourceTable.INVOICE_LINES).rowsRead()).isEqualTo(631);
  }

  @Test
  void typedValuesAreChecked() throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve("invoice_lines.csv"));
    lines.set(1, "INV-0000001,1,seats,,200,94.34,abc");
    lines.set(2, "INV-0000002,1,bonus,,200,94.34,1.00");
    Files.write(dir.resolve("invoice_lines.csv"), lines);
    SourceData data = new DatasetReader(dir).read();
    assertThat(data.rejections()).extracting(RowRejection::reason).containsExactly(
        "invalid_value: amount 'abc' is not a decimal",
        "invalid_value: line_type 'bonus' is not one of credit, discount, overage, seats, true_up");
  }

  void replaceHeader(String file, String from, String to) throws Exception {
    List<String> lines = Files.readAllLines(dir.resolve(file));
    lines.set(0, lines.get(0).replace(from, to));
    Files.write(dir.resolve(file), lines);
  }
}
