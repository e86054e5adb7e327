package dev.leakproof.connectors.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BulkCsvTest {

  @Test
  void valuesAreQuotedWhenNeededAndNullsClearFields() {
    assertThat(BulkCsv.line(Arrays.asList("ACC-1", "Acme, Inc.", "say \"hi\"", null, "", "line\nbreak", " pad")))
        .isEqualTo("ACC-1,\"Acme, Inc.\",\"say \"\"hi\"\"\",#N/A,#N/A,\"line\nbreak\",\" pad\"\n");
    assertThat(BulkCsv.header(List.of("Leakproof_Id__c", "Account.Leakproof_Id__c")))
        .isEqualTo("Leakproof_Id__c,Account.Leakproof_Id__c\n");
  }

  @Test
  void resultFilesAreParsedBackExactly() {
    String csv = "\"sf__Id\",\"sf__Created\",Name\r\n001A,true,\"Acme, Inc.\"\r\n001B,false,\"a \"\"b\"\"\nc\"\r\n";
    assertThat(BulkCsv.parse(csv)).containsExactly(List.of("sf__Id", "sf__Created", "Name"),
        List.of("001A", "true", "Acme, Inc."), List.of("001B", "false", "a \"b\"\nc"));
    assertThat(BulkCsv.parse("")).isEmpty();
    assertThat(BulkCsv.parse("a,b")).containsExactly(List.of("a", "b"));
  }
}
