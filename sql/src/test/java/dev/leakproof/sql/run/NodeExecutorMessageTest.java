package dev.leakproof.sql.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a failed node's message shows of the database's error. */
class NodeExecutorMessageTest {

  @Test
  void showsTheFirstLineOfAnError() {
    assertThat(NodeExecutor.firstLine("Catalog Error: Table with name x does not exist!\nDid you mean y?"))
        .isEqualTo("Catalog Error: Table with name x does not exist!");
    assertThat(NodeExecutor.firstLine(null)).isEmpty();
  }

  @Test
  void showsTheErrorDuckDbWrapsInAPendingQueryResult() {
    String wrapped = "Invalid Input Error: Attempting to execute an unsuccessful or closed pending query result\n"
        + "Error: Out of Memory Error: could not allocate block of size 256.0 KiB (3.7 GiB/3.7 GiB used)";
    assertThat(NodeExecutor.firstLine(wrapped)).isEqualTo("Invalid Input Error: Attempting to execute an "
        + "unsuccessful or closed pending query result (Out of Memory Error: could not allocate block of size "
        + "256.0 KiB (3.7 GiB/3.7 GiB used))");
    assertThat(NodeExecutor.firstLine("Invalid Input Error: Attempting to execute an unsuccessful or closed pending "
        + "query result")).endsWith("pending query result");
  }
}
