package dev.leakproof.connectors.salesforce.emulator;

import java.util.Optional;

/** The ingest operations the emulator runs, with Salesforce's spelling in {@link #apiName()}. */
public enum BulkOperation {
  INSERT("insert"),
  UPDATE("update"),
  UPSERT("upsert"),
  DELETE("delete");

  private final String apiName;

  BulkOperation(String apiName) {
    this.apiName = apiName;
  }

  public String apiName() {
    return apiName;
  }

  static Optional<BulkOperation> fromApiName(String name) {
    for (BulkOperation op : values()) {
      if (op.apiName.equals(name)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }
}
