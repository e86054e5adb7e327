package dev.leakproof.pipelines.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorApiKeysTest {

  private static final String KEY1 = "k1-aaaaaaaaaaaaaaaaaaaa";
  private static final String KEY2 = "k2-bbbbbbbbbbbbbbbbbbbb";

  @TempDir
  Path dir;

  @Test
  void keysFromTheEnvironmentNameTheirSource() {
    ApiKeys keys = ApiKeys.fromEnv(Map.of(ApiKeys.ENV, "web=" + KEY1 + ", mobile=" + KEY2));
    assertThat(keys.authenticate(KEY1)).contains("web");
    assertThat(keys.authenticate(KEY2)).contains("mobile");
    assertThat(keys.authenticate(KEY1 + "x")).isEmpty();
    assertThat(keys.authenticate("")).isEmpty();
    assertThat(keys.authenticate(null)).isEmpty();
    assertThat(keys.sources()).containsExactly("web", "mobile");
    assertThat(ApiKeys.fromEnv(Map.of()).isEmpty()).isTrue();
  }

  @Test
  void aKeysFileMayHoldDigestsInsteadOfKeys() throws Exception {
    Path file = dir.resolve("keys");
    Files.writeString(file, "# source key\n\nweb " + KEY1 + "\n  mobile   sha256:" + ApiKeys.digestHex(KEY2)
        + "\n# web sha256:00\n");
    ApiKeys keys = ApiKeys.fromFile(file);
    assertThat(keys.authenticate(KEY1)).contains("web");
    assertThat(keys.authenticate(KEY2)).contains("mobile");
    assertThat(keys.authenticate("sha256:" + ApiKeys.digestHex(KEY2))).isEmpty();
    ApiKeys both = ApiKeys.load(Map.of(ApiKeys.ENV, "batch=" + "k3-cccccccccccccccccccc"), file);
    assertThat(both.sources()).containsExactly("batch", "web", "mobile");
  }

  @Test
  void errorsNameTheEntryButNeverTheKey() throws Exception {
    String secret = "short-secret";
    assertThatThrownBy(() -> ApiKeys.fromEnv(Map.of(ApiKeys.ENV, "web=" + secret)))
        .hasMessage("Invalid LEAKPROOF_COLLECTOR_KEYS entry 1: the key of source web needs at least 16 characters"
            + " and no spaces")
        .message().doesNotContain(secret);
    assertThatThrownBy(() -> ApiKeys.fromEnv(Map.of(ApiKeys.ENV, "web=" + KEY1 + "," + KEY2)))
        .hasMessage("Invalid LEAKPROOF_COLLECTOR_KEYS entry 2: expected source=key");
    Path file = dir.resolve("bad");
    Files.writeString(file, "web " + KEY1 + " extra\n");
    assertThatThrownBy(() -> ApiKeys.fromFile(file))
        .hasMessage("Invalid keys file " + file + " line 1: expected 'source key' (2 fields, found 3)")
        .message().doesNotContain(KEY1);
    assertThatThrownBy(() -> ApiKeys.of(Map.of("web", KEY1, "mobile", KEY1)))
        .hasMessageMatching("Invalid API keys: sources (web and mobile|mobile and web) share a key");
    assertThatThrownBy(() -> ApiKeys.fromEnv(Map.of(ApiKeys.ENV, "web=sha256:abc")))
        .hasMessage("Invalid LEAKPROOF_COLLECTOR_KEYS entry 1: sha256: needs 64 hex digits");
  }

  @Test
  void printingKeysShowsSourcesOnly() {
    ApiKeys keys = ApiKeys.of(Map.of("web", KEY1));
    assertThat(keys.toString()).isEqualTo("ApiKeys{web=****}").doesNotContain(KEY1);
  }

  @Test
  void theCompareIsConstantTimeOverEveryStoredDigest() throws Exception {
    // behaviour: a key matching the first entry and one matching the last are both found
    ApiKeys keys = ApiKeys.fromEnv(Map.of(ApiKeys.ENV, "a=" + KEY1 + ",b=" + KEY2));
    assertThat(keys.authenticate(KEY1)).isEqualTo(Optional.of("a"));
    assertThat(keys.authenticate(KEY2)).isEqualTo(Optional.of("b"));
    // structure: timing can't be asserted reliably, so the source is: digests compared with
    // MessageDigest.isEqual, and the loop over the entries has no early exit
    String source = Files.readString(Path.of("src/main/java/dev/leakproof/pipelines/collector/ApiKeys.java"));
    String method = source.substring(source.indexOf("public Optional<String> authenticate"));
    String loop = method.substring(method.indexOf("for (Entry e : entries)"), method.indexOf("return Optional.ofNullable"));
    assertThat(loop).contains("MessageDigest.isEqual(digest, e.digest())").doesNotContain("break", "return");
    assertThat(method).contains("byte[] digest = sha256(presented);");
  }
}
