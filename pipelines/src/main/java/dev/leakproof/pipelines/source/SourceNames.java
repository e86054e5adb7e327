package dev.leakproof.pipelines.source;

import java.io.Serializable;
import java.util.List;

/**
 * Names the sources of one event stream by index, for the rows of the lake: a job's event files
 * in arrival order, or the partitions of an event topic ({@code kafka:usage_events/3}). Records
 * carry the small index between operators; the name is written at the sinks.
 */
public interface SourceNames extends Serializable {

  /** The name of the source at {@code index}. */
  String name(int index);

  /** The index of a source named {@code name}, or -1 when it is not one of these sources. */
  int indexOf(String name);

  /** A job's files, by their position in arrival (file-name) order. */
  static SourceNames files(List<String> fileNames) {
    return new Files(List.copyOf(fileNames));
  }

  /** The partitions of a topic. */
  static SourceNames partitions(String topic) {
    return new Partitions(topic);
  }

  /** File names in arrival order. */
  record Files(List<String> names) implements SourceNames {
    @Override
    public String name(int index) {
      return names.get(index);
    }

    @Override
    public int indexOf(String name) {
      return names.indexOf(name);
    }
  }

  /** {@code kafka:<topic>/<partition>}. */
  record Partitions(String topic) implements SourceNames {
    @Override
    public String name(int index) {
      return "kafka:" + topic + "/" + index;
    }

    @Override
    public int indexOf(String name) {
      String prefix = "kafka:" + topic + "/";
      if (!name.startsWith(prefix)) {
        return -1;
      }
      try {
        return Integer.parseInt(name.substring(prefix.length()));
      } catch (NumberFormatException e) {
        return -1;
      }
    }
  }
}
