package dev.leakproof.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.cli.testutils.HeadlessChromium;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The headless Chromium test utility really renders, scripts, reports errors and screenshots a page from disk. */
class HeadlessChromiumIT {

  private static final String PAGE = """
      <!doctype html>
      <html><head><meta charset="utf-8"><title>probe</title></head>
      <body style="margin:0;background:#fff">
        <canvas id="chart" width="400" height="200"></canvas>
        <button id="go" onclick="document.getElementById('label').textContent = 'clicked'">go</button>
        <span id="label">idle</span>
        <select id="pick" onchange="document.getElementById('picked').textContent = this.value">
          <option value="a">A</option><option value="b">B</option><option value="c">C</option>
        </select>
        <div id="picked">none</div>
        <script>
          const ctx = document.getElementById('chart').getContext('2d');
          ctx.fillStyle = '#1f77b4';
          ctx.fillRect(20, 20, 300, 150);
          if (location.hash === '#err') console.error('boom');
          console.log('drawn');
        </script>
      </body></html>
      """;

  @TempDir Path dir;
  HeadlessChromium chrome;
  Path page;

  @BeforeEach
  void launch() throws Exception {
    page = Files.writeString(dir.resolve("page.html"), PAGE);
    chrome = HeadlessChromium.launch(dir.resolve("profile"));
    chrome.open(page);
  }

  @AfterEach
  void close() {
    if (chrome != null) {
      chrome.close();
    }
  }

  @Test
  void rendersScriptsAndScreenshotsThePage() throws Exception {
    assertThat(chrome.consoleErrors()).isEmpty();
    assertThat(chrome.consoleMessages()).contains("log: drawn");
    assertThat(chrome.evaluateString("document.title")).isEqualTo("probe");
    assertThat(chrome.evaluateLong("(() => { const c = document.getElementById('chart');"
        + " return c.getContext('2d').getImageData(0, 0, c.width, c.height).data.reduce((s, v) => s + v, 0); })()"))
        .isPositive();

    chrome.click("#go");
    assertThat(chrome.evaluateString("document.getElementById('label').textContent")).isEqualTo("clicked");

    chrome.setValue("#pick", "c");
    assertThat(chrome.evaluateString("document.getElementById('picked').textContent")).isEqualTo("c");
    assertThatThrownBy(() -> chrome.click("#missing")).hasMessageContaining("no element matches #missing");

    Path png = chrome.screenshot(Path.of("target", "headless-chromium-it.png"));
    byte[] bytes = Files.readAllBytes(png);
    assertThat(bytes.length).isGreaterThan(1024);
    assertThat(bytes).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
    assertThat(chrome.consoleErrors()).isEmpty();
  }

  @Test
  void reportsConsoleErrorsAndUncaughtExceptions() throws Exception {
    assertThat(chrome.consoleErrors()).isEmpty();
    chrome.open(URI.create(page.toUri() + "#err"));
    assertThat(chrome.consoleErrors()).anyMatch(e -> e.contains("boom"));

    Path throwing = Files.writeString(dir.resolve("throws.html"),
        "<!doctype html><html><body><script>throw new Error('kaboom');</script></body></html>");
    chrome.open(throwing);
    assertThat(chrome.consoleErrors()).anyMatch(e -> e.contains("kaboom"));

    assertThatThrownBy(() -> chrome.evaluate("null.x")).hasMessageContaining("TypeError");
  }
}
