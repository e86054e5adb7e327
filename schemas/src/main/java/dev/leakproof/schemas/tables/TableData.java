package dev.leakproof.schemas.tables;

import java.util.List;

/** The usable rows of one source table and how many data rows its file held. */
public record TableData(SourceTable table, List<Row> rows, long rowsRead) {

  public TableData {
    rows = List.copyOf(rows);
  }

  public long rowsRejected() {
    return rowsRead - rows.size();
  }
}
