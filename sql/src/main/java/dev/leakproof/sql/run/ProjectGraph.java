package dev.leakproof.sql.run;

import dev.leakproof.sql.project.ProjectException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dependency graph of a project's models (refs between them), sorted so every model comes
 * after what it reads. A cycle is an error naming the models and files on it.
 */
final class ProjectGraph {

  private ProjectGraph() {}

  /**
   * @param edges each model's refs to other models (seeds and sources are not in the graph)
   * @param files each model's file, for messages
   */
  static List<String> order(Map<String, List<String>> edges, Map<String, String> files) {
    Map<String, Set<String>> pending = new TreeMap<>();
    Map<String, Set<String>> dependents = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : edges.entrySet()) {
      pending.put(e.getKey(), new TreeSet<>(e.getValue()));
      for (String upstream : e.getValue()) {
        dependents.computeIfAbsent(upstream, k -> new TreeSet<>()).add(e.getKey());
      }
    }
    TreeSet<String> ready = new TreeSet<>();
    pending.forEach((model, deps) -> {
      if (deps.isEmpty()) {
        ready.add(model);
      }
    });
    List<String> order = new ArrayList<>();
    while (!ready.isEmpty()) {
      String next = ready.pollFirst();
      order.add(next);
      for (String dependent : dependents.getOrDefault(next, Set.of())) {
        Set<String> deps = pending.get(dependent);
        deps.remove(next);
        if (deps.isEmpty()) {
          ready.add(dependent);
        }
      }
    }
    if (order.size() < edges.size()) {
      throw new ProjectException("Found a cycle: " + cycle(edges, order, files));
    }
    return order;
  }

  private static String cycle(Map<String, List<String>> edges, List<String> done, Map<String, String> files) {
    Set<String> left = new TreeSet<>(edges.keySet());
    left.removeAll(done);
    String start = left.iterator().next();
    Deque<String> path = new ArrayDeque<>();
    String current = start;
    while (!path.contains(current)) {
      path.addLast(current);
      String following = null;
      for (String dep : edges.get(current)) {
        if (left.contains(dep)) {
          following = dep;
          break;
        }
      }
      current = following;
    }
    List<String> loop = new ArrayList<>();
    boolean in = false;
    for (String m : path) {
      in |= m.equals(current);
      if (in) {
        loop.add(m + " (" + files.get(m) + ")");
      }
    }
    loop.add(current + " (" + files.get(current) + ")");
    return String.join(" -> ", loop);
  }
}
