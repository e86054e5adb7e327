package dev.leakproof.cli.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.leakproof.cli.support.UsageException;
import dev.leakproof.connectors.api.Destination;
import dev.leakproof.connectors.salesforce.SalesforceConfig;
import dev.leakproof.connectors.salesforce.SalesforceDestination;
import dev.leakproof.connectors.stripe.StripeConfig;
import dev.leakproof.connectors.stripe.StripeDestination;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The destinations syncs write to, configured in the syncs folder's {@code _destinations.yml}
 * (one section per destination type) and the environment.
 */
public final class Destinations {

  static final String FILE = "_destinations.yml";

  private final Path file;
  private final Map<String, String> env;

  public Destinations(Path syncsDir, Map<String, String> env) {
    this.file = syncsDir.resolve(FILE);
    this.env = env;
  }

  /** A destination type's settings from the file, flattened: {@code bulk.poll-max -> 30s}. */
  public Map<String, String> section(String type) throws IOException, UsageException {
    Map<String, String> out = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return out;
    }
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new UsageException("Cannot read " + file + ": " + e.getMessage().split("\n")[0]);
    }
    if (root != null && root.has(type)) {
      flatten("", root.get(type), out);
    }
    return out;
  }

  SalesforceConfig salesforce() throws IOException, UsageException {
    return SalesforceConfig.from(section("salesforce"), env);
  }

  public StripeConfig stripe() throws IOException, UsageException {
    return StripeConfig.from(section("stripe"), env);
  }

  /**
   * Opens the destination a sync names.
   *
   * @throws UsageException for a type Leakproof has no connector for
   */
  Destination open(String type) throws IOException, UsageException {
    return switch (type) {
      case "salesforce" -> SalesforceDestination.connect(salesforce());
      case "stripe" -> StripeDestination.connect(stripe());
      default -> throw new UsageException("Invalid destination type: " + type + " (salesforce, stripe)");
    };
  }

  /** The settings in force for a type, secrets masked. */
  String describe(String type) throws IOException, UsageException {
    return switch (type) {
      case "salesforce" -> salesforce().describe();
      case "stripe" -> stripe().describe();
      default -> throw new UsageException("Invalid destination type: " + type + " (salesforce, stripe)");
    };
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
      }
    } else if (!node.isNull()) {
      out.put(prefix, node.asText());
    }
  }
}
