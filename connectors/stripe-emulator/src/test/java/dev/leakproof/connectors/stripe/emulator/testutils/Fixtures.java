package dev.leakproof.connectors.stripe.emulator.testutils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Stripe's published example objects ({@code /work/shared/stripe/fixtures3.json}), found from the
 * module folder the way the CLI tests find the shared sample data.
 */
public final class Fixtures {

  public static final Path PATH = Path.of("../../../shared/stripe/fixtures3.json").toAbsolutePath().normalize();

  private static JsonNode resources;

  private Fixtures() {
  }

  /** The top-level keys of the fixture object of this type ({@code customer}, {@code billing.meter}, ...). */
  public static synchronized Set<String> keys(String type) {
    if (resources == null) {
      if (!Files.isRegularFile(PATH)) {
        throw new AssertionError("Cannot check object shapes: Stripe fixtures not found at " + PATH
            + " (expected the shared folder three levels above the module, as in /work/shared/stripe/fixtures3.json)");
      }
      try {
        resources = new ObjectMapper().readTree(PATH.toFile()).path("resources");
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + PATH, e);
      }
    }
    JsonNode fixture = resources.get(type);
    if (fixture == null) {
      throw new AssertionError("No fixture object of type " + type + " in " + PATH);
    }
    return keysOf(fixture);
  }

  public static Set<String> keysOf(JsonNode object) {
    Set<String> out = new TreeSet<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
