package dev.leakproof.sql.testutils;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real Jinja2 (Debian's python3-jinja2, run by /usr/bin/python3), configured as dbt configures
 * it, to render the same templates as Leakproof's engine: the oracle of the conformance tests.
 * The package is installed with apt-get on first use when it is missing, as the report tests
 * install Chromium.
 */
public final class Jinja2Reference {

  /** One template's outcome in Jinja2: its text, or the exception it raised. */
  public record Outcome(boolean ok, String output, String error) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PYTHON = "/usr/bin/python3";

  private Jinja2Reference() {}

  /** Renders each template with Jinja2; fails the test run when Jinja2 cannot be made available. */
  public static List<Outcome> render(List<String> templates) throws IOException, InterruptedException {
    ensureInstalled();
    Path script = Files.createTempFile("render_jinja2", ".py");
    try (InputStream in = Jinja2Reference.class.getResourceAsStream("/jinja/render_jinja2.py")) {
      Files.write(script, in.readAllBytes());
    }
    Process p = new ProcessBuilder(PYTHON, script.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    p.getOutputStream().write(JSON.writeValueAsBytes(templates));
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("Jinja2 reference renderer failed (exit " + p.exitValue() + ")");
    }
    Files.deleteIfExists(script);
    List<Outcome> outcomes = new ArrayList<>();
    for (JsonNode r : JSON.readTree(new String(out, StandardCharsets.UTF_8))) {
      outcomes.add(new Outcome(r.get("ok").asBoolean(), r.path("out").asText(null), r.path("error").asText(null)));
    }
    return outcomes;
  }

  private static void ensureInstalled() throws IOException, InterruptedException {
    if (run(PYTHON, "-c", "import jinja2") == 0) {
      return;
    }
    if (run("apt-get", "install", "-y", "--no-install-recommends", "python3-jinja2") != 0) {
      run("apt-get", "update");
      run("apt-get", "install", "-y", "--no-install-recommends", "python3-jinja2");
    }
    if (run(PYTHON, "-c", "import jinja2") != 0) {
      throw new IllegalStateException("Cannot run the Jinja2 reference: install Debian's python3-jinja2 "
          + "(apt-get install python3-jinja2)");
    }
  }

  private static int run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    return p.waitFor(600, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }
}
