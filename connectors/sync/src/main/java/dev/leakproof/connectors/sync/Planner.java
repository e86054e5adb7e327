package dev.leakproof.connectors.sync;

import dev.leakproof.connectors.api.SyncRecord;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Diffs a sync's model rows against the ledger, like Terraform's plan: a row whose hash the
 * destination confirmed is unchanged; one never confirmed is created; one whose fields changed is
 * updated (with the changed fields named); a rejected, unprocessed or interrupted one is planned
 * again; in mirror mode a record this sync created whose key left the model is deleted. The
 * guardrails are checked on the plan, before anything is sent.
 */
public final class Planner {

  private Planner() {}

  public static Plan plan(SyncSpec spec, List<SourceRow> rows, Map<String, LedgerEntry> ledger) {
    List<Plan.Change> changes = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    int unchanged = 0;
    for (SourceRow row : rows) {
      keys.add(row.key());
      LedgerEntry entry = ledger.get(row.key());
      boolean confirmed = entry != null && entry.state() == LedgerEntry.State.CONFIRMED;
      if (confirmed && row.hash().equals(entry.confirmedHash())) {
        unchanged++;
        continue;
      }
      Map<String, String> previous = entry == null ? Map.of() : entry.confirmedFields();
      List<String> changed = new ArrayList<>();
      boolean known = entry != null && entry.confirmedHash() != null;
      row.fields().forEach((field, value) -> {
        if (known && spec.createOnly().contains(field)) {
          return;
        }
        if (!previous.containsKey(field) || !Objects.equals(previous.get(field), value)) {
          changed.add(field);
        }
      });
      Plan.Kind kind = entry == null || entry.confirmedHash() == null ? Plan.Kind.CREATE : Plan.Kind.UPDATE;
      String retryOf = entry == null || confirmed ? null
          : entry.state().name() + (entry.errorCode() == null ? "" : " " + entry.errorCode());
      SyncRecord.Operation operation = switch (spec.mode()) {
        case UPSERT, MIRROR -> SyncRecord.Operation.UPSERT;
        case UPDATE -> SyncRecord.Operation.UPDATE;
        case INSERT -> SyncRecord.Operation.INSERT;
      };
      if (spec.mode() == SyncMode.INSERT && entry != null && entry.confirmedHash() != null) {
        unchanged++;
        continue;
      }
      if (spec.mode() == SyncMode.UPDATE && entry != null && entry.confirmedHash() != null) {
        kind = Plan.Kind.UPDATE;
      }
      changes.add(new Plan.Change(row.key(), operation, kind, row.fields(), changed, row,
          entry == null ? null : entry.destinationId(), retryOf));
    }
    if (spec.mode() == SyncMode.MIRROR) {
      for (LedgerEntry entry : ledger.values()) {
        if (!keys.contains(entry.key()) && entry.createdBySync() && entry.destinationId() != null) {
          changes.add(new Plan.Change(entry.key(), SyncRecord.Operation.DELETE, Plan.Kind.DELETE, Map.of(), List.of(),
              null, entry.destinationId(), entry.state() == LedgerEntry.State.CONFIRMED ? null : entry.state().name()));
        }
      }
    }
    Plan plan = new Plan(spec.name(), changes, unchanged, rows.size());
    check(spec, plan, ledger);
    return plan;
  }

  private static void check(SyncSpec spec, Plan plan, Map<String, LedgerEntry> ledger) {
    Guardrails g = spec.guardrails();
    long deletes = plan.count(Plan.Kind.DELETE);
    if (deletes > g.maxDeletes()) {
      throw new GuardrailException("Cannot apply " + spec.name() + ": the plan deletes " + deletes + " records, more "
          + "than guardrails.max_deletes " + g.maxDeletes() + "; nothing was sent");
    }
    long synced = ledger.values().stream().filter(e -> e.confirmedHash() != null).count();
    if (g.maxChangePct() != null && synced > 0) {
      long changing = plan.count(Plan.Kind.UPDATE) + deletes;
      double pct = 100.0 * changing / synced;
      if (pct > g.maxChangePct()) {
        throw new GuardrailException(String.format(Locale.ROOT, "Cannot apply %s: the plan changes %.1f%% of the "
            + "%d synced records (%d), more than guardrails.max_change_pct %s; nothing was sent", spec.name(), pct,
            synced, changing, g.maxChangePct()));
      }
    }
    if (g.nullOverwrite() == Guardrails.NullOverwrite.REFUSE) {
      for (Plan.Change c : plan.changes()) {
        LedgerEntry entry = ledger.get(c.key());
        if (entry == null || c.kind() == Plan.Kind.DELETE || !c.fields().containsValue(null)) {
          continue;
        }
        Map<String, String> confirmedFields = entry.confirmedFields();
        for (Map.Entry<String, String> f : new LinkedHashMap<>(c.fields()).entrySet()) {
          if (f.getValue() == null && confirmedFields.get(f.getKey()) != null) {
            throw new GuardrailException("Cannot apply " + spec.name() + ": record " + c.key() + " would write a null "
                + "over " + f.getKey() + " = " + confirmedFields.get(f.getKey())
                + " (set guardrails.allow_null_overwrite: true to allow); nothing was sent");
          }
        }
      }
    }
  }
}
