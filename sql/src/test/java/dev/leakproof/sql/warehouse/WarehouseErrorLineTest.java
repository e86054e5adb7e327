package dev.leakproof.sql.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a warehouse error shows in one line (a failed node's message, a hook's, a query's). */
class WarehouseErrorLineTest {

  @Test
  void showsTheFirstLineOfAnError() {
    assertThat(Warehouse.errorLine("Catalog Error: Table with name x does not exist!\nDid you mean y?"))
        .isEqualTo("Catalog Error: Table with name x does not exist!");
    assertThat(Warehouse.errorLine(null)).isEmpty();
  }

  @Test
  void showsTheErrorDuckDbWrapsInAPendingQueryResult() {
    String wrapped = "Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result\n"
        + "Error: Out of Memory Error: could not allocate block of size 256.0 KiB (3.7 GiB/3.7 GiB used)";
    assertThat(Warehouse.errorLine(wrapped)).isEqualTo("Invalid Input Error: Attempting to execute an "
        + "unsuccessful or closed pending query result (Out of Memory Error: could not allocate block of size "
        + "256.0 KiB (3.7 GiB/3.7 GiB used))");
    assertThat(Warehouse.errorLine("Invalid Input Error: Attempting to execute an unsuccessful or closed pending "
        + "query result")).endsWith("pending query result");
  }
}
