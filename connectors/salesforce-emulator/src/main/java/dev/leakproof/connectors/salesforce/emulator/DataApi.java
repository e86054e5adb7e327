package dev.leakproof.connectors.salesforce.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything under {@code /services/data}: checks the API version (v47.0 and later), the bearer
 * token (401 INVALID_SESSION_ID) and the daily budget (403 REQUEST_LIMIT_EXCEEDED), counts the call
 * in {@code Sforce-Limit-Info}, then routes to Bulk ingest, describe, query or limits.
 */
final class DataApi {

  static final String PREFIX = "/services/data";
  static final int MIN_VERSION = 47;
  static final int MAX_VERSION = 66;
  private static final Pattern VERSION = Pattern.compile("v(\\d{2,3})\\.(\\d)");

  private final TokenStore tokens;
  private final ApiUsage usage;
  private final BulkIngestApi bulk;
  private final DescribeApi describe;
  private final QueryApi query;

  DataApi(TokenStore tokens, ApiUsage usage, BulkIngestApi bulk, DescribeApi describe, QueryApi query) {
    this.tokens = tokens;
    this.usage = usage;
    this.bulk = bulk;
    this.describe = describe;
    this.query = query;
  }

  void handle(HttpExchange ex, String rawPath) throws IOException {
    List<String> segments = segments(rawPath.substring(PREFIX.length()));
    if (segments.isEmpty()) {
      get(ex);
      HttpIo.sendJson(ex, 200, versions());
      return;
    }
    Matcher m = VERSION.matcher(segments.get(0));
    if (!m.matches() || Integer.parseInt(m.group(1)) < MIN_VERSION) {
      throw ApiException.notFound("The requested resource does not exist: API version " + segments.get(0) + " is not supported");
    }
    String version = m.group(1) + "." + m.group(2);
    authenticate(ex);
    if (!usage.tryAcquire()) {
      throw new ApiException(403, "REQUEST_LIMIT_EXCEEDED", "TotalRequests Limit exceeded.");
    }
    ex.getResponseHeaders().set("Sforce-Limit-Info", usage.header());
    route(ex, version, segments.subList(1, segments.size()));
  }

  private void route(HttpExchange ex, String version, List<String> rest) throws IOException {
    int n = rest.size();
    if (n >= 2 && rest.get(0).equals("jobs") && rest.get(1).equals("ingest")) {
      bulk.handle(ex, version, rest.subList(2, n));
    } else if (n == 1 && rest.get(0).equals("sobjects")) {
      get(ex);
      HttpIo.sendJson(ex, 200, describe.global(version));
    } else if (n == 3 && rest.get(0).equals("sobjects") && rest.get(2).equals("describe")) {
      get(ex);
      HttpIo.sendJson(ex, 200, describe.describe(rest.get(1)));
    } else if (n == 1 && rest.get(0).equals("query")) {
      get(ex);
      String q = HttpIo.decodeForm(ex.getRequestURI().getRawQuery()).get("q");
      HttpIo.sendJson(ex, 200, query.run(q, version));
    } else if (n == 1 && rest.get(0).equals("limits")) {
      get(ex);
      Map<String, Object> daily = new LinkedHashMap<>();
      daily.put("Max", usage.budget());
      daily.put("Remaining", usage.budget() - usage.used());
      HttpIo.sendJson(ex, 200, Map.of("DailyApiRequests", daily));
    } else if (n == 0) {
      get(ex);
      String base = PREFIX + "/v" + version;
      HttpIo.sendJson(ex, 200, Map.of("sobjects", base + "/sobjects", "query", base + "/query", "limits", base + "/limits",
          "jobs", base + "/jobs"));
    } else {
      throw ApiException.notFound("The requested resource does not exist");
    }
  }

  private void authenticate(HttpExchange ex) {
    String header = ex.getRequestHeaders().getFirst("Authorization");
    String token = null;
    if (header != null) {
      int space = header.indexOf(' ');
      String scheme = space < 0 ? "" : header.substring(0, space);
      if (scheme.equalsIgnoreCase("Bearer") || scheme.equalsIgnoreCase("OAuth")) {
        token = header.substring(space + 1).trim();
      }
    }
    if (!tokens.isValid(token)) {
      throw new ApiException(401, "INVALID_SESSION_ID", "Session expired or invalid");
    }
  }

  private static void get(HttpExchange ex) {
    if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
      throw ApiException.methodNotAllowed(ex.getRequestMethod(), "GET,HEAD");
    }
  }

  private static List<Map<String, String>> versions() {
    List<Map<String, String>> out = new ArrayList<>();
    for (int v = MIN_VERSION; v <= MAX_VERSION; v++) {
      out.add(Map.of("label", "API v" + v + ".0", "url", PREFIX + "/v" + v + ".0", "version", v + ".0"));
    }
    return out;
  }

  static List<String> segments(String path) {
    List<String> out = new ArrayList<>();
    for (String s : path.split("/")) {
      if (!s.isEmpty()) {
        try {
          out.add(URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw ApiException.notFound("The requested resource does not exist");
        }
      }
    }
    return out;
  }
}
