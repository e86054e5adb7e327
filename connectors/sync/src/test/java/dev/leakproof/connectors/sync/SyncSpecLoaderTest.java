package dev.leakproof.connectors.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncSpecLoaderTest {

  @TempDir
  Path dir;

  @Test
  void aSyncFileIsReadWithItsMappingsInOrderAndItsGuardrails() throws IOException {
    Files.writeString(dir.resolve("accounts.yml"), """
        name: salesforce_accounts
        description: Account fields
        source:
          model: crm_account_fields
          primary_key: account_id
        destination:
          type: salesforce
          object: Account
          external_id_field: Leakproof_Id__c
        mode: upsert
        mappings:
          - {from: account_id, to: Leakproof_Id__c}
          - {from: seats_active, to: Seats_Active__c}
        guardrails:
          max_change_pct: 40
          max_deletes: 5
          allow_null_overwrite: true
        batch_size: 5000
        """);
    SyncSpec spec = SyncSpecLoader.loadAll(dir).get("salesforce_accounts");
    assertThat(spec.mappings()).containsExactly(Map.entry("account_id", "Leakproof_Id__c"),
        Map.entry("seats_active", "Seats_Active__c"));
    assertThat(spec.guardrails()).isEqualTo(new Guardrails(40.0, 5, Guardrails.NullOverwrite.ALLOW));
    assertThat(spec.batchSize()).isEqualTo(5000);
    assertThat(spec.mode()).isEqualTo(SyncMode.UPSERT);
  }

  @Test
  void invalidFilesAreNamedWithWhatIsWrong() throws IOException {
    Path f = dir.resolve("bad.yml");
    Files.writeString(f, "name: bad\nsource: {model: m}\ndestination: {type: salesforce, object: Account}\n"
        + "mappings: {a: B}\n");
    assertThatThrownBy(() -> SyncSpecLoader.load(f)).hasMessage("Invalid sync file bad.yml: missing primary_key");
    Files.writeString(f, "name: bad\nsource: {model: m, primary_key: a}\ndestination: {type: salesforce, "
        + "object: Account}\nmode: merge\nmappings: {a: B}\n");
    assertThatThrownBy(() -> SyncSpecLoader.load(f))
        .hasMessage("Invalid mode: merge (bad.yml; upsert, update, insert or mirror)");
    Files.writeString(f, "name: bad\nsource: {model: m, primary_key: a}\ndestination: {type: salesforce, "
        + "object: Account}\nmappings: {a: B}\n");
    assertThatThrownBy(() -> SyncSpecLoader.load(f))
        .hasMessage("Cannot upsert Account: external id field missing (sync bad)");
    Files.writeString(f, "name: bad\nsource: {model: m, primary_key: a}\ndestination: {type: salesforce, "
        + "object: Account, external_id_field: Ext__c}\nmappings: {a: B, c: Ext__c}\n");
    assertThatThrownBy(() -> SyncSpecLoader.load(f))
        .hasMessage("Invalid sync bad: the external id field Ext__c must be mapped from the primary key a");
    Files.writeString(f, "name: [oops\n");
    assertThatThrownBy(() -> SyncSpecLoader.load(f)).hasMessageStartingWith("Cannot read " + f);
  }

  @Test
  void valuesAreSentAsStableTexts() {
    assertThat(Values.canonical(new BigDecimal("1500.500"))).isEqualTo("1500.5");
    assertThat(Values.canonical(new BigDecimal("1E+3"))).isEqualTo("1000");
    assertThat(Values.canonical(new BigDecimal("0.00"))).isEqualTo("0");
    assertThat(Values.canonical(0.1d)).isEqualTo("0.1");
    assertThat(Values.canonical(65L)).isEqualTo("65");
    assertThat(Values.canonical(LocalDate.of(2026, 6, 15))).isEqualTo("2026-06-15");
    assertThat(Values.canonical(OffsetDateTime.parse("2026-06-15T12:00:00+02:00")))
        .isEqualTo("2026-06-15T10:00:00.000Z");
    assertThat(Values.canonical(Instant.parse("2026-06-15T10:00:00Z"))).isEqualTo("2026-06-15T10:00:00.000Z");
    assertThat(Values.canonical(null)).isNull();
    assertThatThrownBy(() -> Values.canonical(Double.NaN)).hasMessage("Invalid value: NaN cannot be sent");
    assertThat(Values.hash(Map.of("a", "1"))).isNotEqualTo(Values.hash(java.util.Collections.singletonMap("a", null)));
  }
}
