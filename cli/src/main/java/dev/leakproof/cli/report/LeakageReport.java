package dev.leakproof.cli.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

/** Writes {@code report.html} from an audited warehouse: read, render, then replace the file atomically. */
public final class LeakageReport {

  public static final String FILE = "report.html";

  private LeakageReport() {}

  /** What was written. */
  public record Written(Path file, long bytes, int findings) {}

  /**
   * @param source what was audited, for the page's header
   * @throws IllegalStateException when the warehouse holds no audit (its marts are empty or absent)
   */
  public static Written write(Connection warehouse, String schema, String source, Path outDir)
      throws SQLException, IOException {
    ReportData data = new ReportQueries(warehouse, schema).read(source, Clock.systemUTC());
    byte[] html = ReportPage.render(data).getBytes(StandardCharsets.UTF_8);
    Files.createDirectories(outDir);
    Path target = outDir.resolve(FILE);
    Path tmp = outDir.resolve("." + FILE + ".tmp");
    try {
      Files.write(tmp, html);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return new Written(target, html.length, data.findings().size());
  }
}
