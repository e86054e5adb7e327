package dev.leakproof.datagen;

/**
 * Renders one usage event line in the sample dataset's style:
 * {@code {"event_id": "ev-1", "workspace_id": "ws-00001-0", "metric": "api_calls", "quantity": 12,
 * "occurred_at": "...", "received_at": "...", "corrects_event_id": "ev-0"}}.
 */
final class UsageLineRenderer {

  private static final byte[] ID_KEY = JsonLine.ascii("\"event_id\": \"ev-");
  private static final byte[] WS_KEY = JsonLine.ascii("\"workspace_id\": \"");
  private static final byte[] QUOTE_COMMA = JsonLine.ascii("\", ");
  private static final byte[] METRIC_KEY = JsonLine.ascii("\"metric\": ");
  private static final byte[] QTY = JsonLine.ascii(", \"quantity\": ");
  private static final byte[] OCCURRED = JsonLine.ascii(", \"occurred_at\": ");
  private static final byte[] RECEIVED = JsonLine.ascii(", \"received_at\": \"");
  private static final byte[] CORRECTS = JsonLine.ascii(", \"corrects_event_id\": \"ev-");
  private static final byte[] NULL = JsonLine.ascii("null");
  private static final byte[][] METRIC_NAMES = {
      JsonLine.ascii("\"api_calls\""), JsonLine.ascii("\"emails_sent\""),
      JsonLine.ascii("\"ai_tokens\""), JsonLine.ascii("\"" + Catalog.UNKNOWN_METRIC + "\"")};

  private final byte[][] wsIds;

  UsageLineRenderer(byte[][] wsIds) {
    this.wsIds = wsIds;
  }

  void render(JsonLine out, DayBuffer b, int i) {
    render(out, UsageLineStyle.VALUES[b.style[i]], b.id[i], b.ws[i], b.metric[i], b.quantity[i],
        b.occurred[i], b.offset[i], b.received[i], b.corrects[i]);
  }

  void render(JsonLine out, UsageLineStyle style, long id, int ws, int metric, long quantity,
      long occurred, int offset, long received, long corrects) {
    out.reset();
    if (style == UsageLineStyle.ARRAY) {
      out.raw("[\"ev-").num(id).raw("\", \"");
      workspace(out, ws);
      out.raw("\", ").num(quantity).ch(']');
      return;
    }
    out.ch('{');
    if (style != UsageLineStyle.NO_EVENT_ID) {
      out.raw(ID_KEY).num(id).raw(QUOTE_COMMA);
    }
    if (style != UsageLineStyle.NO_WORKSPACE) {
      out.raw(WS_KEY);
      workspace(out, ws);
      out.raw(QUOTE_COMMA);
    }
    out.raw(METRIC_KEY).raw(style == UsageLineStyle.NULL_METRIC ? NULL : METRIC_NAMES[metric]);
    out.raw(QTY);
    switch (style) {
      case QUANTITY_AS_STRING -> out.ch('"').num(quantity).ch('"');
      case NEGATIVE_QUANTITY -> out.num(-1 - quantity);
      default -> out.num(quantity);
    }
    out.raw(OCCURRED);
    switch (style) {
      case EMPTY_OCCURRED_AT -> out.raw("\"\"");
      case NO_OFFSET -> out.ch('"').dateTime(occurred).ch('"');
      case SPACE_NO_OFFSET -> {
        out.ch('"').dateTime(occurred).ch('"');
        out.bytes()[out.length() - 10] = ' ';
      }
      case GARBAGE_TIMESTAMP -> out.raw("\"last tuesday\"");
      default -> out.ch('"').timestamp(occurred, offset).ch('"');
    }
    if (received >= 0) {
      out.raw(RECEIVED).timestamp(received, 0).ch('"');
    }
    if (corrects >= 0) {
      out.raw(CORRECTS).num(corrects).ch('"');
    }
    out.ch('}');
    if (style == UsageLineStyle.TRUNCATED) {
      out.truncate(out.length() * 2 / 3);
    }
  }

  private void workspace(JsonLine out, int ws) {
    if (ws >= 0) {
      out.raw(wsIds[ws]);
    } else {
      out.raw("ws-unknown-").num(-ws);
    }
  }
}
