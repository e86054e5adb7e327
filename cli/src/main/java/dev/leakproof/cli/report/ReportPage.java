package dev.leakproof.cli.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Renders the leakage report as one self-contained HTML file: the page, its style, Chart.js (from
 * the chart.js WebJar on the classpath) and the data are inlined, so it opens from disk with no
 * network. Totals are added here in exact decimals, per currency; the page only formats them.
 */
public final class ReportPage {

  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
  private static final String WEBJAR = "META-INF/resources/webjars/chart.js/";

  private ReportPage() {}

  /** The page's HTML. */
  public static String render(ReportData data) {
    String template = resource("report/report.html");
    return template
        .replace("/*STYLE*/", resource("report/report.css"))
        .replace("/*CHART_JS*/", scriptSafe(resource(WEBJAR + chartJsVersion() + "/dist/chart.umd.js")))
        .replace("/*APP_JS*/", scriptSafe(resource("report/report.js")))
        .replace("/*DATA*/", scriptSafe(json(data)))
        .replace("{{title}}", "Revenue leakage report, as of " + data.asOf());
  }

  /** The version of the chart.js WebJar on the classpath, from its Maven metadata. */
  static String chartJsVersion() {
    Properties p = new Properties();
    try (InputStream in = stream("META-INF/maven/org.webjars.npm/chart.js/pom.properties")) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  static String json(ReportData data) {
    ObjectNode root = JSON.createObjectNode();
    root.put("asOf", data.asOf().toString());
    root.put("generatedAt", data.generatedAt().toString());
    root.put("source", data.source());
    root.put("chartJs", chartJsVersion());
    root.set("totals", totals(data.findings()));
    root.set("byType", byType(data.findings()));
    root.set("findings", JSON.valueToTree(data.findings()));
    root.set("leakageByMonth", JSON.valueToTree(data.leakageByMonth()));
    root.set("renewals", JSON.valueToTree(data.renewals()));
    root.set("flagged", JSON.valueToTree(data.flagged()));
    root.put("flaggedTotal", data.flaggedTotal());
    root.set("contracts", JSON.valueToTree(data.contracts()));
    root.set("hygiene", JSON.valueToTree(data.hygiene()));
    if (data.invoiceErrors() == null) {
      root.putNull("invoiceErrors");
    } else {
      root.set("invoiceErrors", JSON.valueToTree(data.invoiceErrors()));
    }
    if (data.signals() == null) {
      root.putNull("signals");
    } else {
      root.set("signals", JSON.valueToTree(data.signals()));
    }
    root.set("learned", JSON.valueToTree(data.learned()));
    try {
      // amounts as exact decimal strings: the page never does arithmetic on money it prints
      return JSON.writer().with(com.fasterxml.jackson.core.JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
          .writeValueAsString(stringifyDecimals(root));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Per currency and kind: the count and the exact sum of the findings. */
  private static ObjectNode totals(List<ReportData.Finding> findings) {
    Map<String, Map<String, List<ReportData.Finding>>> grouped = findings.stream().collect(Collectors.groupingBy(
        ReportData.Finding::currency, TreeMap::new, Collectors.groupingBy(ReportData.Finding::kind, TreeMap::new,
            Collectors.toList())));
    ObjectNode out = JSON.createObjectNode();
    grouped.forEach((currency, byKind) -> {
      ObjectNode c = out.putObject(currency);
      byKind.forEach((kind, list) -> c.putObject(kind).put("count", list.size()).put("amount", sum(list)));
    });
    return out;
  }

  /** Per currency, leak type and kind: the count and the exact sum, largest first. */
  private static ArrayNode byType(List<ReportData.Finding> findings) {
    ArrayNode out = JSON.createArrayNode();
    findings.stream().collect(Collectors.groupingBy(f -> f.currency() + "|" + f.leakType() + "|" + f.kind(),
            TreeMap::new, Collectors.toList()))
        .values().stream()
        .sorted(Comparator.comparing((List<ReportData.Finding> l) -> new BigDecimal(sum(l))).reversed())
        .forEach(l -> out.addObject().put("currency", l.get(0).currency()).put("leakType", l.get(0).leakType())
            .put("kind", l.get(0).kind()).put("count", l.size()).put("amount", sum(l)));
    return out;
  }

  private static String sum(List<ReportData.Finding> findings) {
    return findings.stream().map(ReportData.Finding::amount).reduce(BigDecimal.ZERO, BigDecimal::add)
        .setScale(2).toPlainString();
  }

  private static com.fasterxml.jackson.databind.JsonNode stringifyDecimals(com.fasterxml.jackson.databind.JsonNode n) {
    if (n.isObject()) {
      ObjectNode o = (ObjectNode) n;
      List<String> keys = new java.util.ArrayList<>();
      o.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        o.set(k, stringifyDecimals(o.get(k)));
      }
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = (ArrayNode) n;
      for (int i = 0; i < a.size(); i++) {
        a.set(i, stringifyDecimals(a.get(i)));
      }
      return a;
    }
    if (n.isBigDecimal()) {
      return JSON.getNodeFactory().textNode(n.decimalValue().toPlainString());
    }
    return n;
  }

  /** Text that can sit inside a script element: no closing tag or comment opener in it. */
  static String scriptSafe(String s) {
    return s.replace("</", "<\\/").replace("<!--", "<\\!--");
  }

  private static String resource(String name) {
    try (InputStream in = stream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream stream(String name) {
    InputStream in = ReportPage.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("Cannot render the report: resource " + name + " is not on the classpath");
    }
    return in;
  }
}
