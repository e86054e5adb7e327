package dev.leakproof.sql.run;

import dev.leakproof.sql.project.NodeKind;
import dev.leakproof.sql.warehouse.Warehouse;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * dbt's {@code --threads}: the nodes of a run on a pool of threads, each with its own warehouse
 * session, a node starting once everything it waits for is done. A node waits for the nodes it
 * depends on; in {@code build} a model or seed also waits for its unit tests and for the data
 * tests of its parents that the serial order runs before it, so what is skipped after a failure
 * is exactly what the serial run skips. Results arrive in completion order.
 */
final class ParallelRun {

  private final Warehouse warehouse;
  private final Map<String, SeedTable> seeds;
  private final int threads;

  ParallelRun(Warehouse warehouse, Map<String, SeedTable> seeds, int threads) {
    this.warehouse = warehouse;
    this.seeds = seeds;
    this.threads = threads;
  }

  List<NodeResult> run(List<CompiledNode> todo, DbtEngine.Command command, DbtEngine.RunState state,
      Function<CompiledNode, Object> prepare, Consumer<NodeResult> progress) throws SQLException {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < todo.size(); i++) {
      index.put(todo.get(i).uniqueId(), i);
    }
    Map<String, Set<String>> waits = new HashMap<>();
    Map<String, Set<String>> dependents = new HashMap<>();
    for (CompiledNode node : todo) {
      Set<String> w = new LinkedHashSet<>();
      node.dependsOn().stream().filter(index::containsKey).forEach(w::add);
      if (command == DbtEngine.Command.BUILD && node.kind() != NodeKind.TEST && node.kind() != NodeKind.UNIT_TEST) {
        int at = index.get(node.uniqueId());
        for (CompiledNode other : todo) {
          boolean unitOfThis = other.kind() == NodeKind.UNIT_TEST && other.dependsOn().contains(node.uniqueId());
          boolean testOfParent = other.kind() == NodeKind.TEST && index.get(other.uniqueId()) < at
              && other.dependsOn().stream().anyMatch(node.dependsOn()::contains);
          if (unitOfThis || testOfParent) {
            w.add(other.uniqueId());
          }
        }
      }
      waits.put(node.uniqueId(), w);
      w.forEach(x -> dependents.computeIfAbsent(x, k -> new TreeSet<>()).add(node.uniqueId()));
    }
    createSchemas(todo);
    Map<String, CompiledNode> byId = new HashMap<>();
    todo.forEach(n -> byId.put(n.uniqueId(), n));
    Deque<String> ready = new ArrayDeque<>();
    todo.stream().filter(n -> waits.get(n.uniqueId()).isEmpty()).forEach(n -> ready.add(n.uniqueId()));
    List<Warehouse> sessions = java.util.Collections.synchronizedList(new ArrayList<>());
    ThreadLocal<NodeExecutor> executors = ThreadLocal.withInitial(() -> {
      try {
        Warehouse session = warehouse.session();
        if (session != warehouse) {
          sessions.add(session);
        }
        return new NodeExecutor(session, seeds, true);
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot open a warehouse session for a thread: " + e.getMessage(), e);
      }
    });
    java.util.concurrent.atomic.AtomicInteger names = new java.util.concurrent.atomic.AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "leakproof-node-" + names.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    ExecutorCompletionService<NodeResult> done = new ExecutorCompletionService<>(pool);
    Map<Future<NodeResult>, CompiledNode> running = new HashMap<>();
    List<NodeResult> results = new ArrayList<>();
    Set<String> finished = new HashSet<>();
    try {
      while (finished.size() < todo.size()) {
        while (!ready.isEmpty()) {
          CompiledNode node = byId.get(ready.poll());
          NodeResult skipped = state.skip(node);
          if (skipped != null) {
            complete(node, skipped, state, results, progress, finished, waits, dependents, ready);
            continue;
          }
          running.put(done.submit(() -> {
            Object prepared = prepare.apply(node);
            return prepared instanceof CompiledNode c ? executors.get().execute(c) : (NodeResult) prepared;
          }), node);
        }
        if (running.isEmpty()) {
          break;
        }
        Future<NodeResult> next = done.take();
        CompiledNode node = running.remove(next);
        NodeResult result;
        try {
          result = next.get();
        } catch (ExecutionException e) {
          result = NodeExecutor.error(node, String.valueOf(e.getCause().getMessage()));
        }
        complete(node, result, state, results, progress, finished, waits, dependents, ready);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SQLException("Interrupted while running nodes", e);
    } finally {
      pool.shutdownNow();
      for (Warehouse w : sessions) {
        try {
          w.close();
        } catch (Exception ignored) {
          // the run's results are already recorded; a session that does not close is the driver's matter
        }
      }
    }
    return results;
  }

  private static void complete(CompiledNode node, NodeResult result, DbtEngine.RunState state,
      List<NodeResult> results, Consumer<NodeResult> progress, Set<String> finished,
      Map<String, Set<String>> waits, Map<String, Set<String>> dependents, Deque<String> ready) {
    state.record(node, result);
    results.add(result);
    progress.accept(result);
    finished.add(node.uniqueId());
    for (String d : dependents.getOrDefault(node.uniqueId(), Set.of())) {
      Set<String> w = waits.get(d);
      w.remove(node.uniqueId());
      if (w.isEmpty()) {
        ready.add(d);
      }
    }
  }

  /** Schemas are created up front, on the main session: DDL on one schema from many threads conflicts. */
  private void createSchemas(List<CompiledNode> todo) throws SQLException {
    Set<String> schemas = new TreeSet<>();
    for (CompiledNode n : todo) {
      if (n.relation() != null && n.relation().contains(".")) {
        schemas.add(n.relation().substring(0, n.relation().lastIndexOf('.')));
      }
    }
    for (String schema : schemas) {
      warehouse.execute("CREATE SCHEMA IF NOT EXISTS " + warehouse.target().dialect().quoteIdentifier(
          schema.replace("\"", "")));
    }
  }
}
