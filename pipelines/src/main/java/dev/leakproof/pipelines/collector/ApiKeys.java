package dev.leakproof.pipelines.collector;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys a collector accepts, each naming the source its events come from. Only SHA-256
 * digests of the keys are held. Keys come from {@value #ENV} ({@code web=KEY1,mobile=KEY2}) or a
 * keys file (one {@code source key} a line, {@code #} comments, a key may be written
 * {@code sha256:<hex>} so the file holds no secret). A plain key needs at least
 * {@value #MIN_KEY_LENGTH} characters. No message or {@link #toString()} ever shows a key.
 */
public final class ApiKeys {

  public static final String ENV = "LEAKPROOF_COLLECTOR_KEYS";
  public static final int MIN_KEY_LENGTH = 16;
  private static final String SHA256 = "sha256:";

  private record Entry(String source, byte[] digest) {}

  private final List<Entry> entries;

  private ApiKeys(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Keys given in code: source name to key. */
  public static ApiKeys of(Map<String, String> keysBySource) {
    List<Entry> out = new ArrayList<>();
    keysBySource.forEach((source, key) -> add(out, source, key, "source " + source));
    return new ApiKeys(out);
  }

  /**
   * The keys of {@value #ENV}; none when it is unset.
   *
   * @throws IllegalArgumentException naming the entry (never the key) when one is malformed
   */
  public static ApiKeys fromEnv(Map<String, String> env) {
    List<Entry> out = new ArrayList<>();
    String value = env.get(ENV);
    if (value != null && !value.isBlank()) {
      String[] items = value.split(",");
      for (int i = 0; i < items.length; i++) {
        int eq = items[i].indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("Invalid " + ENV + " entry " + (i + 1) + ": expected source=key");
        }
        add(out, items[i].substring(0, eq).strip(), items[i].substring(eq + 1).strip(), ENV + " entry " + (i + 1));
      }
    }
    return new ApiKeys(out);
  }

  /**
   * The keys of a keys file.
   *
   * @throws IllegalArgumentException naming the file and line (never the key) when a line is malformed
   */
  public static ApiKeys fromFile(Path file) throws IOException {
    List<Entry> out = new ArrayList<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s+");
      String where = "keys file " + file + " line " + (i + 1);
      if (fields.length != 2) {
        throw new IllegalArgumentException("Invalid " + where + ": expected 'source key' (2 fields, found "
            + fields.length + ")");
      }
      add(out, fields[0], fields[1], where);
    }
    return new ApiKeys(out);
  }

  /** The keys of the environment and, when given, of a keys file together. */
  public static ApiKeys load(Map<String, String> env, Path keysFile) throws IOException {
    List<Entry> all = new ArrayList<>(fromEnv(env).entries);
    if (keysFile != null) {
      all.addAll(fromFile(keysFile).entries);
    }
    return new ApiKeys(checkUnique(all));
  }

  private static void add(List<Entry> out, String source, String key, String where) {
    if (source == null || !source.matches("[A-Za-z0-9._\\-]{1,64}")) {
      throw new IllegalArgumentException("Invalid " + where + ": source name '" + source
          + "' (1..64 letters, digits, '.', '_', '-')");
    }
    byte[] digest;
    if (key != null && key.startsWith(SHA256)) {
      String hex = key.substring(SHA256.length());
      if (!hex.matches("[0-9a-fA-F]{64}")) {
        throw new IllegalArgumentException("Invalid " + where + ": sha256: needs 64 hex digits");
      }
      digest = HexFormat.of().parseHex(hex);
    } else {
      if (key == null || key.length() < MIN_KEY_LENGTH || key.chars().anyMatch(c -> c <= ' ')) {
        throw new IllegalArgumentException("Invalid " + where + ": the key of source " + source + " needs at least "
            + MIN_KEY_LENGTH + " characters and no spaces");
      }
      digest = sha256(key);
    }
    out.add(new Entry(source, digest));
    checkUnique(out);
  }

  private static List<Entry> checkUnique(List<Entry> entries) {
    for (int i = 0; i < entries.size(); i++) {
      for (int j = i + 1; j < entries.size(); j++) {
        if (MessageDigest.isEqual(entries.get(i).digest(), entries.get(j).digest())) {
          throw new IllegalArgumentException("Invalid API keys: sources " + entries.get(i).source() + " and "
              + entries.get(j).source() + " share a key");
        }
      }
    }
    return entries;
  }

  /**
   * The source of a presented key, or empty. Compares the key's SHA-256 digest with every stored
   * digest in constant time, without stopping at a match, so the time taken tells nothing.
   */
  public Optional<String> authenticate(String presented) {
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] digest = sha256(presented);
    String match = null;
    for (Entry e : entries) {
      boolean equal = MessageDigest.isEqual(digest, e.digest());
      match = equal ? e.source() : match;
    }
    return Optional.ofNullable(match);
  }

  /** The source names, in the order given. */
  public Set<String> sources() {
    Set<String> out = new LinkedHashSet<>();
    entries.forEach(e -> out.add(e.source()));
    return out;
  }

  public boolean isEmpty() {
    return entries.isEmpty();
  }

  /** The hex SHA-256 of a key, as written after {@code sha256:} in a keys file. */
  public static String digestHex(String key) {
    return HexFormat.of().formatHex(sha256(key));
  }

  static byte[] sha256(String key) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Cannot hash an API key: SHA-256 is missing from this JVM", e);
    }
  }

  /** The sources only, each with its key masked. */
  @Override
  public String toString() {
    Map<String, String> masked = new LinkedHashMap<>();
    entries.forEach(e -> masked.put(e.source(), "****"));
    return "ApiKeys" + masked;
  }
}
