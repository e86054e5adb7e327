package dev.leakproof.cli.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.leakproof.cli.support.UsageException;
import dev.leakproof.pipelines.thresholds.ThresholdPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code thresholds.yml}: the levels of plan limits that raise threshold events.
 *
 * <pre>
 * levels: [50, 90, 100]     # percent of the plan's included units
 * repeat-every: 100         # then 200%, 300%, ... (0: none)
 * plans:                    # plans with levels of their own
 *   enterprise: [75, 100]
 * </pre>
 *
 * Found as {@code --thresholds FILE}, else {@code $LEAKPROOF_THRESHOLDS}, else
 * {@code thresholds.yml} in the dataset or reference folder, else the defaults; {@code off} (as
 * the option or the variable) raises no threshold events at all.
 */
public final class ThresholdsFile {

  /** The environment variable naming the file. */
  public static final String ENV = "LEAKPROOF_THRESHOLDS";

  private static final Set<String> KEYS = Set.of("levels", "repeat-every", "plans");

  private ThresholdsFile() {}

  /** Turns threshold events off. */
  public static final String OFF = "off";

  /**
   * The policy in force for a run over {@code folder}.
   *
   * @param given the file named on the command line, or null
   * @return null when threshold events are turned off
   * @throws UsageException naming the file and the bad value
   */
  public static ThresholdPolicy resolve(Path given, Path folder) throws UsageException {
    if (given != null) {
      return given.toString().equals(OFF) ? null : read(given);
    }
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return env.strip().equals(OFF) ? null : read(Path.of(env.strip()));
    }
    Path beside = folder == null ? null : folder.resolve("thresholds.yml");
    return beside != null && Files.isRegularFile(beside) ? read(beside) : ThresholdPolicy.defaults();
  }

  /** Reads and validates a file. */
  public static ThresholdPolicy read(Path file) throws UsageException {
    if (!Files.isRegularFile(file)) {
      throw new UsageException("Invalid thresholds file: " + file + " is not a file");
    }
    try {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      if (root == null || root.isMissingNode() || root.isNull()) {
        return ThresholdPolicy.defaults();
      }
      if (!root.isObject()) {
        throw new UsageException("Invalid " + file + ": expected keys levels, repeat-every, plans");
      }
      for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!KEYS.contains(key)) {
          throw new UsageException("Unknown setting in " + file + ": " + key + " (levels, repeat-every, plans)");
        }
      }
      ThresholdPolicy d = ThresholdPolicy.defaults();
      List<Integer> levels = root.has("levels") ? levels(file, "levels", root.get("levels")) : d.levels();
      int repeat = d.repeatEvery();
      if (root.has("repeat-every")) {
        JsonNode r = root.get("repeat-every");
        if (!r.canConvertToInt() || !r.isIntegralNumber()) {
          throw new UsageException("Invalid repeat-every in " + file + ": " + r.asText() + " (whole percent)");
        }
        repeat = r.intValue();
      }
      Map<String, List<Integer>> plans = new LinkedHashMap<>();
      JsonNode p = root.get("plans");
      if (p != null && !p.isNull()) {
        if (!p.isObject()) {
          throw new UsageException("Invalid plans in " + file + ": expected plan: [levels]");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = p.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          plans.put(e.getKey(), levels(file, "plans." + e.getKey(), e.getValue()));
        }
      }
      return new ThresholdPolicy(levels, repeat, plans);
    } catch (IOException e) {
      throw new UsageException("Cannot read " + file + ": " + e.getMessage().split("\n")[0]);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage() + " in " + file);
    }
  }

  private static List<Integer> levels(Path file, String key, JsonNode node) throws UsageException {
    if (node == null || !node.isArray()) {
      throw new UsageException("Invalid " + key + " in " + file + ": expected a list of percents, like [50, 90, 100]");
    }
    List<Integer> out = new ArrayList<>();
    for (JsonNode n : node) {
      if (!n.isIntegralNumber() || !n.canConvertToInt()) {
        throw new UsageException("Invalid " + key + " in " + file + ": " + n.asText() + " (whole percent)");
      }
      out.add(n.intValue());
    }
    return out;
  }
}
