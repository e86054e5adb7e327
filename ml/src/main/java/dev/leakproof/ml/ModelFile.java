package dev.leakproof.ml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The trained models in one JSON file: the anomaly model (features, scaler, every tree, the
 * calibration of its 0-100 scale, the threshold), the risk model (features, settings, XGBoost's
 * own model bytes), and what they were trained on and how well they did, so a score can always be
 * traced to the data and settings behind it. Written to a temporary file and moved into place.
 *
 * @param id a short content id (a hash of the models and the seed: the same for the same training), recorded
 *     with every score
 * @param training free-form facts about the training data (seeds, datasets, as-of dates, rows, labels)
 * @param metrics the figures measured when it was trained or evaluated
 */
public record ModelFile(String id, Instant createdAt, long seed, AnomalyModel anomaly, RiskModel risk,
    ObjectNode training, ObjectNode metrics) {

  public static final String FORMAT = "leakproof-ml/1";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A new model file; its id is derived from the models' content. */
  public static ModelFile of(Instant createdAt, long seed, AnomalyModel anomaly, RiskModel risk, ObjectNode training,
      ObjectNode metrics) {
    ModelFile draft = new ModelFile("", createdAt, seed, anomaly, risk, training, metrics);
    return new ModelFile(contentId(draft), createdAt, seed, anomaly, risk, training, metrics);
  }

  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  public void write(Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      JSON.writeValue(tmp.toFile(), toJson());
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * @throws IOException naming the file when it is not a Leakproof model file
   */
  public static ModelFile read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("No model file at " + file + " (train one with `leakproof ml train`)");
    }
    JsonNode root;
    try {
      root = JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + ": not a JSON model file (" + e.getMessage().lines().findFirst().orElse("") + ")", e);
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      throw new IOException(file + ": not a Leakproof model file (format is not " + FORMAT + ")");
    }
    try {
      return new ModelFile(root.path("id").asText(), Instant.parse(root.path("created_at").asText()),
          root.path("seed").asLong(), anomaly(root.path("anomaly")), risk(root.path("risk")),
          (ObjectNode) root.path("training"), (ObjectNode) root.path("metrics"));
    } catch (RuntimeException e) {
      throw new IOException(file + ": a broken model file (" + e.getMessage() + ")", e);
    }
  }

  ObjectNode toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("id", id);
    root.put("created_at", createdAt.toString());
    root.put("seed", seed);
    root.set("training", training);
    root.set("metrics", metrics);
    ObjectNode a = root.putObject("anomaly");
    strings(a.putArray("features"), anomaly.features());
    a.put("threshold", anomaly.threshold());
    a.put("sample_size", anomaly.forest().sampleSize());
    doubles(a.putArray("median"), anomaly.scaler().median());
    doubles(a.putArray("scale"), anomaly.scaler().scale());
    ints(a.putArray("direction"), anomaly.scaler().direction());
    doubles(a.putArray("calibration"), anomaly.calibration());
    ArrayNode trees = a.putArray("trees");
    for (IsolationForest.Tree t : anomaly.forest().trees()) {
      ObjectNode n = trees.addObject();
      ints(n.putArray("feature"), t.feature());
      doubles(n.putArray("split"), t.split());
      ints(n.putArray("left"), t.left());
      ints(n.putArray("right"), t.right());
      ints(n.putArray("size"), t.size());
      doubles(n.putArray("low"), t.low());
      doubles(n.putArray("high"), t.high());
    }
    ObjectNode r = root.putObject("risk");
    strings(r.putArray("features"), risk.features());
    RiskModel.Settings s = risk.settings();
    ObjectNode settings = r.putObject("settings");
    settings.put("rounds", s.rounds());
    settings.put("max_depth", s.maxDepth());
    settings.put("eta", s.eta());
    settings.put("subsample", s.subsample());
    settings.put("min_child_weight", s.minChildWeight());
    settings.put("seed", s.seed());
    r.put("booster_ubj_base64", Base64.getEncoder().encodeToString(risk.booster()));
    return root;
  }

  private static AnomalyModel anomaly(JsonNode a) {
    List<String> features = strings(a.path("features"));
    JsonNode trees = a.path("trees");
    IsolationForest.Tree[] forest = new IsolationForest.Tree[trees.size()];
    for (int i = 0; i < forest.length; i++) {
      JsonNode t = trees.get(i);
      forest[i] = new IsolationForest.Tree(ints(t.path("feature")), doubles(t.path("split")), ints(t.path("left")),
          ints(t.path("right")), ints(t.path("size")), doubles(t.path("low")), doubles(t.path("high")));
    }
    return new AnomalyModel(features, new RobustScaler(doubles(a.path("median")), doubles(a.path("scale")),
        ints(a.path("direction"))),
        new IsolationForest(a.path("sample_size").asInt(), forest), doubles(a.path("calibration")),
        a.path("threshold").asDouble());
  }

  private static RiskModel risk(JsonNode r) {
    JsonNode s = r.path("settings");
    return new RiskModel(strings(r.path("features")), Base64.getDecoder().decode(r.path("booster_ubj_base64").asText()),
        new RiskModel.Settings(s.path("rounds").asInt(), s.path("max_depth").asInt(), s.path("eta").asDouble(),
            s.path("subsample").asDouble(), s.path("min_child_weight").asDouble(), s.path("seed").asLong()));
  }

  private static String contentId(ModelFile draft) {
    try {
      ObjectNode json = draft.toJson();
      json.remove("id");
      json.remove("created_at");
      json.remove("metrics");
      json.remove("training");
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsBytes(json));
      return java.util.HexFormat.of().formatHex(digest, 0, 6);
    } catch (Exception e) {
      throw new IllegalStateException("Cannot hash the model: " + e.getMessage(), e);
    }
  }

  private static void strings(ArrayNode node, List<String> values) {
    values.forEach(node::add);
  }

  private static void doubles(ArrayNode node, double[] values) {
    for (double v : values) {
      node.add(v);
    }
  }

  private static void ints(ArrayNode node, int[] values) {
    for (int v : values) {
      node.add(v);
    }
  }

  private static List<String> strings(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static double[] doubles(JsonNode node) {
    double[] out = new double[node.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node.get(i).asDouble();
    }
    return out;
  }

  private static int[] ints(JsonNode node) {
    int[] out = new int[node.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node.get(i).asInt();
    }
    return out;
  }
}
