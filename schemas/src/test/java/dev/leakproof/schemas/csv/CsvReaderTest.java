package dev.leakproof.schemas.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  static List<CsvRecord> read(String text) throws Exception {
    List<CsvRecord> records = new ArrayList<>();
    try (CsvReader reader = new CsvReader(new StringReader(text))) {
      CsvRecord r;
      while ((r = reader.next()) != null) {
        records.add(r);
      }
    }
    return records;
  }

  @Test
  void readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws Exception {
    List<CsvRecord> records = read("a,b,c\r\n1,\"x, \"\"y\"\"\nz\",\r\n2,,\"\"\n");
    assertThat(records).hasSize(3);
    assertThat(records.get(1).fields()).isEqualTo(Arrays.asList("1", "x, \"y\"\nz", null));
    assertThat(records.get(1).lineNo()).isEqualTo(2);
    assertThat(records.get(2).lineNo()).isEqualTo(4);
    assertThat(records.get(2).fields()).isEqualTo(Arrays.asList("2", null, null));
    assertThat(records.get(2).raw()).isEqualTo("2,,\"\"");
  }

  @Test
  void anUnterminatedQuoteIsAMalformedRecord() throws Exception {
    List<CsvRecord> records = read("a,b\n1,\"open\n");
    assertThat(records.get(1).wellFormed()).isFalse();
    assertThat(records.get(1).error()).contains("unterminated");
  }

  @Test
  void writerQuotesOnlyWhatNeedsIt() {
    assertThat(CsvWriter.escape("plain")).isEqualTo("plain");
    assertThat(CsvWriter.escape("a,b")).isEqualTo("\"a,b\"");
    assertThat(CsvWriter.escape("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
  }
}
