package dev.leakproof.cli.audit;

import dev.leakproof.sql.run.CompiledNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes each compiled node's SQL under target/compiled/, as dbt does, for a person to read. */
final class CompiledSql {

  private CompiledSql() {}

  static void write(Path targetDir, String project, List<CompiledNode> nodes) throws IOException {
    for (CompiledNode node : nodes) {
      String file = node.kind().name().equals("MODEL") ? node.file() : node.file().replace(".yml", "") + "/" + node.name() + ".sql";
      Path out = targetDir.resolve("compiled").resolve(project).resolve(file);
      Files.createDirectories(out.getParent());
      Files.writeString(out, node.sql() + "\n", StandardCharsets.UTF_8);
    }
  }
}
