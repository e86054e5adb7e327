package dev.leakproof.connectors.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordsTest {

  @Test
  void syncRecordsKeepTheirFieldsInOrderAndExplicitNulls() {
    Map<String, Object> fields = new java.util.LinkedHashMap<>();
    fields.put("Seats_Active__c", 65);
    fields.put("Renewal_Risk__c", null);
    SyncRecord r = new SyncRecord("ACC-1", SyncRecord.Operation.UPSERT, fields);
    fields.put("late", 1);
    assertThat(r.fields()).containsExactly(Map.entry("Seats_Active__c", 65), new HashMap.SimpleEntry<>("Renewal_Risk__c", null));
    assertThatThrownBy(() -> new SyncRecord(" ", SyncRecord.Operation.UPSERT, Map.of()))
        .hasMessage("Invalid sync record key: blank");
  }

  @Test
  void resultsCarryAnErrorKindUnlessAccepted() {
    assertThat(WriteResult.accepted("ACC-1", WriteResult.Change.CREATED, "001xx").accepted()).isTrue();
    WriteResult rejected = WriteResult.rejected("ACC-2", ErrorKind.ROW_INVALID, "DUPLICATE_VALUE", "duplicate");
    assertThat(rejected.accepted()).isFalse();
    assertThat(WriteResult.unprocessed("ACC-3", "job aborted").errorKind()).isEqualTo(ErrorKind.RETRIABLE);
    assertThatThrownBy(() -> new WriteResult("ACC-4", WriteResult.Status.REJECTED, null, null, null, "X", "m", null))
        .hasMessageContaining("without an error kind");
  }
}
