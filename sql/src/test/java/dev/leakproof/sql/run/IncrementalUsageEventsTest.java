package dev.leakproof.sql.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.leakproof.sql.compile.Target;
import dev.leakproof.sql.project.BundledProject;
import dev.leakproof.sql.project.ProjectLoader;
import dev.leakproof.sql.warehouse.DuckDbWarehouse;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's incremental event-level model ({@code int_usage_event_quantities}, read through
 * {@code int_usage_events_effective}) built commit after commit gives the rows a full build of
 * the same lake gives: new originals, corrections of events of earlier commits, a workspace moved
 * to another account, a commit whose clock is behind the last, a raw table reloaded from a
 * recreated lake that reuses event ids, and the lake read as of an earlier instant.
 */
class IncrementalUsageEventsTest {

  private static final String SELECT = "+int_usage_events_effective";

  @TempDir Path tmp;

  private Path project;
  private DuckDbWarehouse incremental;
  private final List<Object[]> events = new ArrayList<>();
  private final Map<String, String> workspaces = new HashMap<>();
  private long arrival;

  @BeforeEach
  void setUp() throws Exception {
    project = BundledProject.extract(tmp.resolve("project"));
    incremental = open("incremental");
  }

  @org.junit.jupiter.api.AfterEach
  void tearDown() throws Exception {
    incremental.close();
  }

  @Test
  void commitAfterCommitEqualsAFullBuild() throws Exception {
    workspaces.put("ws-1", "ACC-1");
    workspaces.put("ws-2", "ACC-2");
    commit(1, "2026-06-01 08:00:00",
        original("e1", "ws-1", "10"), original("e2", "ws-1", "5"), original("e3", "ws-2", "7"),
        correction("c1", "e1", "12"));
    commit(2, "2026-06-01 10:00:00", original("e6", "ws-1", "2"));
    assertThat(build(incremental, Map.of())).contains("created table");
    assertSameAsFullBuild(Map.of());

    // a new original, corrections of events of the first commit (the later one in arrival order
    // wins), a workspace moved to another account. Only what the commit touches is recomputed:
    // a mark left on an event it does not touch survives the build.
    workspaces.put("ws-2", "ACC-3");
    commit(3, "2026-06-02 10:00:00",
        original("e4", "ws-2", "3"), correction("c2", "e2", "6"), correction("c3", "e1", "13"));
    incremental.execute("UPDATE main.int_usage_event_quantities SET metric = 'untouched' WHERE event_id = 'e3'");
    assertThat(build(incremental, Map.of())).contains("merged on [event_id]");
    assertThat(quantities(incremental)).containsEntry("e1", "13.000000000000").containsEntry("e2", "6.000000000000")
        .containsEntry("e4", "3.000000000000");
    assertThat(incremental.query("SELECT metric FROM main.int_usage_event_quantities WHERE event_id = 'e3'"))
        .extracting(r -> r.get("metric")).containsExactly("untouched");
    incremental.execute("UPDATE main.int_usage_event_quantities SET metric = 'emails' WHERE event_id = 'e3'");
    assertSameAsFullBuild(Map.of());

    // a commit stamped half a minute before the last (another writer's clock): read, since no
    // build has read it
    commit(4, "2026-06-02 09:59:30", original("e5", "ws-1", "1"), correction("c4", "e4", "4"));
    build(incremental, Map.of());
    assertThat(quantities(incremental)).containsKeys("e5").containsEntry("e4", "4.000000000000");
    assertSameAsFullBuild(Map.of());

    // a commit of a correction alone, then the lake read as of before it: no event is gone, the
    // correction is
    commit(5, "2026-06-03 10:00:00", correction("c5", "e3", "70"));
    build(incremental, Map.of());
    assertThat(quantities(incremental)).containsEntry("e3", "70.000000000000");
    Map<String, Object> beforeTheCorrection = Map.of("lake_as_of", "2026-06-02T12:00:00Z");
    build(incremental, beforeTheCorrection);
    assertThat(quantities(incremental)).containsEntry("e3", "7.000000000000");
    assertSameAsFullBuild(beforeTheCorrection);

    // the lake read as of the first day: later events and corrections leave the table
    Map<String, Object> firstDay = Map.of("lake_as_of", "2026-06-01T12:00:00Z");
    build(incremental, firstDay);
    assertThat(quantities(incremental)).containsOnlyKeys("e1", "e2", "e3", "e6").containsEntry("e1", "12.000000000000");
    assertSameAsFullBuild(firstDay);

    // and everything again
    build(incremental, Map.of());
    assertSameAsFullBuild(Map.of());
  }

  @Test
  void aRawTableReloadedFromARecreatedLakeIsRebuiltWhole() throws Exception {
    workspaces.put("ws-1", "ACC-1");
    commit(1, "2026-06-01 10:00:00", original("e1", "ws-1", "10"), original("e2", "ws-1", "5"),
        original("e3", "ws-1", "2"));
    build(incremental, Map.of());

    // another dataset ingested into a new lake: the same event ids, other quantities, one fewer,
    // committed earlier than the first lake's commit
    events.clear();
    commit(7, "2026-05-01 08:00:00", original("e1", "ws-1", "40"), original("e2", "ws-1", "50"));
    build(incremental, Map.of());
    assertThat(quantities(incremental)).containsOnlyKeys("e1", "e2").containsEntry("e1", "40.000000000000");
    assertSameAsFullBuild(Map.of());

    // and another one, committed later than everything before
    events.clear();
    commit(9, "2026-07-01 08:00:00", original("e2", "ws-1", "60"), original("e3", "ws-1", "70"));
    build(incremental, Map.of());
    assertThat(quantities(incremental)).containsOnlyKeys("e2", "e3").containsEntry("e2", "60.000000000000");
    assertSameAsFullBuild(Map.of());
  }

  private Object[] original(String id, String workspace, String quantity) {
    return new Object[] {id, workspace, quantity, null};
  }

  private Object[] correction(String id, String corrects, String quantity) {
    String workspace = events.stream().filter(e -> e[0].equals(corrects)).map(e -> (String) e[1]).findFirst()
        .orElse("ws-1");
    return new Object[] {id, workspace, quantity, corrects};
  }

  /** Lake commit {@code snapshot} at {@code committedAt}: the events appended to the raw table. */
  private void commit(long snapshot, String committedAt, Object[]... rows) {
    for (Object[] r : rows) {
      events.add(new Object[] {r[0], r[1], r[2], r[3], ++arrival, snapshot, committedAt});
    }
  }

  private DuckDbWarehouse open(String name) throws Exception {
    return DuckDbWarehouse.open(new DuckDbWarehouse.Settings(tmp.resolve(name + ".duckdb"), "512MB", 1));
  }

  /** Replaces the raw tables with the lake as it stands and builds the selected models. */
  private String build(DuckDbWarehouse w, Map<String, Object> vars) throws Exception {
    w.execute("CREATE SCHEMA IF NOT EXISTS raw");
    w.execute("CREATE OR REPLACE TABLE raw.workspaces (workspace_id VARCHAR, account_id VARCHAR, _line_no BIGINT)");
    long line = 0;
    for (Map.Entry<String, String> ws : workspaces.entrySet()) {
      w.execute("INSERT INTO raw.workspaces VALUES ('" + ws.getKey() + "', '" + ws.getValue() + "', " + (++line) + ")");
    }
    w.execute("CREATE OR REPLACE TABLE raw.usage_events (event_id VARCHAR, workspace_id VARCHAR, metric VARCHAR, "
        + "quantity DECIMAL(38,12), occurred_at TIMESTAMP, occurred_date DATE, received_at TIMESTAMP, "
        + "corrects_event_id VARCHAR, source_file VARCHAR, line_no BIGINT, arrival_seq BIGINT, collected_at TIMESTAMP, "
        + "_lake_snapshot_id BIGINT, _lake_committed_at TIMESTAMP)");
    try (PreparedStatement ps = w.connection().prepareStatement("INSERT INTO raw.usage_events VALUES (?, ?, 'emails', "
        + "CAST(? AS DECIMAL(38,12)), TIMESTAMP '2026-05-20 12:00:00', DATE '2026-05-20', NULL, ?, 'usage.jsonl', ?, ?, "
        + "NULL, ?, CAST(? AS TIMESTAMP))")) {
      for (Object[] e : events) {
        ps.setString(1, (String) e[0]);
        ps.setString(2, (String) e[1]);
        ps.setString(3, (String) e[2]);
        ps.setString(4, (String) e[3]);
        ps.setLong(5, (Long) e[4]);
        ps.setLong(6, (Long) e[4]);
        ps.setLong(7, (Long) e[5]);
        ps.setString(8, (String) e[6]);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    Map<String, Object> all = new HashMap<>(vars);
    all.put("as_of", "2026-06-15");
    DbtEngine engine = new DbtEngine(ProjectLoader.load(project), w,
        ProjectCompiler.Options.of(Target.DUCKDB, "main", all), tmp.resolve("target"));
    List<String> messages = new ArrayList<>();
    for (NodeResult r : engine.execute(DbtEngine.Command.RUN, SELECT, null, x -> { })) {
      assertThat(r.ok()).as(r.name() + ": " + r.message()).isTrue();
      if (r.name().equals("int_usage_event_quantities")) {
        messages.add(r.message());
      }
    }
    return String.join("\n", messages);
  }

  private void assertSameAsFullBuild(Map<String, Object> vars) throws Exception {
    try (DuckDbWarehouse full = open("full-" + System.nanoTime())) {
      build(full, vars);
      assertThat(rows(incremental)).isEqualTo(rows(full)).isNotEmpty();
    }
  }

  private static List<String> rows(DuckDbWarehouse w) throws Exception {
    return w.query("SELECT * FROM main.int_usage_events_effective ORDER BY event_id").stream()
        .map(r -> r.values().stream().map(String::valueOf).toList().toString()).toList();
  }

  private static Map<String, String> quantities(DuckDbWarehouse w) throws Exception {
    Map<String, String> out = new HashMap<>();
    for (Map<String, Object> r : w.query("SELECT event_id, quantity FROM main.int_usage_event_quantities")) {
      out.put((String) r.get("event_id"), r.get("quantity").toString());
    }
    return out;
  }
}
