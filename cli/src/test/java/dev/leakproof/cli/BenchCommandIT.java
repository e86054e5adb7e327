package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code leakproof bench --dataset}: the sample audited in a JVM of its own, profiled per stage,
 * with its outputs those of a plain audit. Checks what the profile holds, never how fast it was.
 */
class BenchCommandIT {

  @TempDir Path dir;

  @Test
  void profilesTheSampleAuditInItsOwnProcess() throws Exception {
    CliTestSupport.Out run = CliTestSupport.capture("bench", "--dataset", CliTestSupport.SAMPLE.toString(), "--as-of",
        "2026-06-15", "--dir", dir.toString(), "--heap", "2g");
    assertThat(run.code()).as(run.stdout() + run.stderr()).isZero();
    JsonNode audit = new ObjectMapper().readTree(dir.resolve("bench.json").toFile()).path("audits").get(0);
    assertThat(audit.path("event_lines").asLong()).isEqualTo(16_406);
    assertThat(audit.path("stage_seconds").fieldNames()).toIterable().containsExactly("load sources", "compile",
        "ingest events", "load lake", "build models", "export", "report");
    assertThat(audit.path("wall_seconds").asDouble()).isGreaterThan(audit.path("audit_seconds").asDouble());
    assertThat(audit.path("jvm_start_up_seconds").asDouble()).isPositive();
    assertThat(audit.path("jvm_exit_seconds").isNumber()).isTrue();
    assertThat(audit.path("jvm_start_up_seconds").asDouble() + audit.path("audit_seconds").asDouble()
        + audit.path("jvm_exit_seconds").asDouble()).isCloseTo(audit.path("wall_seconds").asDouble(),
        org.assertj.core.data.Offset.offset(0.01));
    assertThat(audit.path("peak_rss_mb").asLong()).isPositive();
    assertThat(audit.path("peak_heap_mb").asLong()).isPositive().isLessThanOrEqualTo(2048);
    assertThat(audit.path("build_engine_to_direct_ratio").asDouble()).isPositive();
    assertThat(audit.path("findings_rows").asInt()).isEqualTo(35);
    // the profiled audit is a real one: its findings are the sample's expected findings, row for row
    assertThat(keys(Path.of(audit.path("findings_file").asText())))
        .isEqualTo(keys(CliTestSupport.SAMPLE.resolve("expected/findings.csv")));
    assertThat(run.stdout()).contains("audit profile", "ingestion / bare loop", "build: engine / direct");
  }

  /** Each finding's type, kind, account, contract, metric and period, sorted. */
  private static java.util.List<String> keys(Path findings) throws java.io.IOException {
    return CliTestSupport.readCsv(findings).stream().map(r -> String.join("|", r.get("leak_type"), r.get("kind"),
        r.get("account_id"), r.get("contract_id"), r.get("metric"), r.get("period_start"), r.get("period_end")))
        .sorted().toList();
  }

  @Test
  void refusesAnUnreadableSize() {
    CliTestSupport.Run run = CliTestSupport.run("bench", "--sizes", "3X", "--dir", dir.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Invalid --sizes: '3X'");
  }
}
