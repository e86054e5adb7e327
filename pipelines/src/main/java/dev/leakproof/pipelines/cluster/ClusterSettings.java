package dev.leakproof.pipelines.cluster;

import org.apache.flink.configuration.MemorySize;

/**
 * The shape of a local Flink session cluster, validated on construction.
 *
 * @param taskManagers how many TaskManager processes start with the cluster (1..16)
 * @param slotsPerTaskManager {@code taskmanager.numberOfTaskSlots} (1..32)
 * @param jobManagerMemory {@code jobmanager.memory.process.size}: the whole JobManager JVM
 * @param taskManagerMemory {@code taskmanager.memory.process.size}: each whole TaskManager JVM
 */
public record ClusterSettings(int taskManagers, int slotsPerTaskManager, MemorySize jobManagerMemory,
    MemorySize taskManagerMemory) {

  private static final MemorySize MIN_PROCESS = MemorySize.parse("768m");

  public ClusterSettings {
    if (taskManagers < 1 || taskManagers > 16) {
      throw new IllegalArgumentException("Invalid number of TaskManagers: " + taskManagers + " (1..16)");
    }
    if (slotsPerTaskManager < 1 || slotsPerTaskManager > 32) {
      throw new IllegalArgumentException("Invalid taskmanager.numberOfTaskSlots: " + slotsPerTaskManager + " (1..32)");
    }
    if (jobManagerMemory == null || jobManagerMemory.compareTo(MIN_PROCESS) < 0) {
      throw new IllegalArgumentException("Invalid jobmanager.memory.process.size: " + jobManagerMemory
          + " (at least 768m)");
    }
    if (taskManagerMemory == null || taskManagerMemory.compareTo(MIN_PROCESS) < 0) {
      throw new IllegalArgumentException("Invalid taskmanager.memory.process.size: " + taskManagerMemory
          + " (at least 768m)");
    }
  }

  /** {@code taskManagers} TaskManagers of one slot and 1.5 GB each, a 1 GB JobManager. */
  public static ClusterSettings of(int taskManagers) {
    return new ClusterSettings(taskManagers, 1, MemorySize.parse("1g"), MemorySize.parse("1536m"));
  }
}
