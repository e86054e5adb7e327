package dev.leakproof.connectors.salesforce.emulator;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The read-only demo page: {@code GET /} lists every object with its records and the recent ingest
 * jobs; {@code GET /records/<Object>} shows one object. No authentication; refreshes every 5 s.
 */
final class HtmlPage {

  private static final int MAX_ROWS = 500;

  private final Schema schema;
  private final RecordStore store;
  private final JobRegistry jobs;

  HtmlPage(Schema schema, RecordStore store, JobRegistry jobs) {
    this.schema = schema;
    this.store = store;
    this.jobs = jobs;
  }

  void handle(HttpExchange ex, String path) throws IOException {
    StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\">"
        + "<meta http-equiv=\"refresh\" content=\"5\"><title>Salesforce emulator</title><style>"
        + "body{font-family:sans-serif;margin:1.5em}table{border-collapse:collapse;font-size:13px;margin-bottom:2em}"
        + "td,th{border:1px solid #ccc;padding:3px 6px;text-align:left}th{background:#eef3f8}</style></head><body>"
        + "<h1>Salesforce emulator</h1><p>");
    schema.objects().forEach(o -> html.append("<a href=\"/records/").append(esc(o.name())).append("\">").append(esc(o.name()))
        .append("</a> (").append(store.count(o)).append(") &nbsp; "));
    html.append("<a href=\"/\">all</a></p>");
    if (path.startsWith("/records/")) {
      String name = path.substring("/records/".length());
      SObjectType o = schema.object(name).orElseThrow(() -> ApiException.notFound("No such object: " + name));
      table(html, o);
    } else {
      schema.objects().forEach(o -> table(html, o));
      jobTable(html);
    }
    HttpIo.sendText(ex, 200, "text/html;charset=UTF-8", html.append("</body></html>").toString());
  }

  private void table(StringBuilder html, SObjectType o) {
    List<Map<String, Object>> rows = store.all(o);
    html.append("<h2>").append(esc(o.name())).append(" (").append(rows.size()).append(")</h2><table><tr>");
    o.fields().forEach(f -> html.append("<th>").append(esc(f.name())).append("</th>"));
    html.append("</tr>");
    rows.stream().limit(MAX_ROWS).forEach(r -> {
      html.append("<tr>");
      o.fields().forEach(f -> html.append("<td>").append(esc(FieldValues.toText(r.get(f.name())))).append("</td>"));
      html.append("</tr>");
    });
    html.append("</table>");
    if (rows.size() > MAX_ROWS) {
      html.append("<p>first ").append(MAX_ROWS).append(" of ").append(rows.size()).append(" shown</p>");
    }
  }

  private void jobTable(StringBuilder html) {
    html.append("<h2>Ingest jobs</h2><table><tr><th>Id</th><th>Object</th><th>Operation</th><th>State</th>"
        + "<th>Processed</th><th>Failed</th><th>Error</th></tr>");
    List<IngestJob> all = jobs.all();
    for (int i = all.size() - 1; i >= Math.max(0, all.size() - 50); i--) {
      JobSnapshot s = all.get(i).snapshot();
      html.append("<tr><td>").append(s.id()).append("</td><td>").append(esc(s.object())).append("</td><td>")
          .append(s.operation().apiName()).append("</td><td>").append(s.state().apiName()).append("</td><td>")
          .append(s.numberRecordsProcessed()).append("</td><td>").append(s.numberRecordsFailed()).append("</td><td>")
          .append(esc(s.errorMessage() == null ? "" : s.errorMessage())).append("</td></tr>");
    }
    html.append("</table>");
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
  }
}
