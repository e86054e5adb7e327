package dev.leakproof.cli.sync;

import dev.leakproof.connectors.sync.GuardrailException;
import dev.leakproof.connectors.sync.Plan;
import dev.leakproof.connectors.sync.SyncListener;
import dev.leakproof.connectors.sync.SyncSpec;
import dev.leakproof.sql.warehouse.Warehouse;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code leakproof sync plan NAME}. */
@Command(name = "plan", mixinStandardHelpOptions = true,
    description = "Shows what a sync would send, without sending: records to create, update (with the changed "
        + "fields) and delete. The plan is stored in leakproof_sync.plans.")
final class SyncPlanCommand implements Callable<Integer> {

  @Mixin
  SyncOptions options;

  @Parameters(paramLabel = "NAME", description = "The sync (see sync list).")
  String name;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Changes to print (default: 20).")
  int limit;

  @Override
  public Integer call() throws Exception {
    SyncSpec spec = options.spec(name);
    try (Warehouse warehouse = options.openWarehouse()) {
      Plan plan;
      try {
        plan = SyncSession.runner(warehouse, spec, SyncListener.NONE).plan();
      } catch (GuardrailException e) {
        System.err.println("leakproof: " + e.getMessage());
        return SyncCommand.REFUSED;
      }
      System.out.printf(Locale.ROOT, "Plan for %s (%s %s on %s, from %s): %,d creates, %,d updates, %,d deletes, "
          + "%,d unchanged of %,d rows%n", spec.name(), spec.object(), spec.mode().code(), spec.externalIdField(),
          spec.model(), plan.count(Plan.Kind.CREATE), plan.count(Plan.Kind.UPDATE), plan.count(Plan.Kind.DELETE),
          plan.unchanged(), plan.sourceRows());
      int shown = 0;
      for (Plan.Change c : plan.changes()) {
        if (shown++ == limit) {
          System.out.printf(Locale.ROOT, "  ... and %,d more%n", plan.changes().size() - limit);
          break;
        }
        System.out.printf(Locale.ROOT, "  %-6s %-24s %s%s%n", c.kind().name().toLowerCase(Locale.ROOT), c.key(),
            c.kind() == Plan.Kind.DELETE ? "(id " + c.destinationId() + ")" : String.join(", ", c.changedFields()),
            c.retryOf() == null ? "" : "  [again after " + c.retryOf() + "]");
      }
      return 0;
    }
  }
}
