package dev.leakproof.cli.sync;

import dev.leakproof.connectors.sync.SyncSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code leakproof sync list}. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the syncs and what each sends where.")
final class SyncListCommand implements Callable<Integer> {

  @Mixin
  SyncOptions options;

  @Override
  public Integer call() throws Exception {
    for (SyncSpec s : options.specs().values()) {
      System.out.printf("%-28s %s -> %s %s (%s on %s, %d fields)%n", s.name(), s.model(), s.destination(), s.object(),
          s.mode().code(), s.externalIdField(), s.mappings().size());
    }
    return 0;
  }
}
