package dev.leakproof.pipelines.collector;

import static dev.leakproof.pipelines.testutils.CollectorFixtures.seat;
import static dev.leakproof.pipelines.testutils.CollectorFixtures.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.leakproof.core.EventStream;
import dev.leakproof.pipelines.testutils.CollectorFixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectorParsingTest {

  @TempDir
  Path dir;

  private final BatchParser parser = new BatchParser(10_000);
  private EventJudge judge;

  @BeforeEach
  void reference() throws Exception {
    judge = new EventJudge(CollectorFixtures.reference(dir), 64 * 1024, Clock.systemUTC());
  }

  /** The texts of the events of a body, as the parser finds them. */
  private List<String> texts(BodyFormat format, String body) throws RequestException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return parser.parse(format, bytes, bytes.length).stream()
        .map(e -> new String(bytes, e.offset(), e.length(), StandardCharsets.UTF_8)).toList();
  }

  private List<JudgedEvent> judged(BodyFormat format, String body, EventStream stream) throws RequestException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return judge.judge(parser.parse(format, bytes, bytes.length), bytes, stream, "web");
  }

  @Test
  void aJsonArrayKeepsEachElementsExactTextNumbersAndUnicodeIncluded() throws Exception {
    String a = "{ \"event_id\" : \"e1\",\"quantity\":1.50, \"note\":\"caf\u00e9 \ud83d\ude80 \\u00e9\" }";
    String b = "{\"event_id\":\"e2\",\"quantity\":1E+2,\"nested\":{\"x\":[1,2.0]}}";
    assertThat(texts(BodyFormat.JSON, "[\n  " + a + " ,\n\t" + b + "\n]\n")).containsExactly(a, b);
    assertThat(texts(BodyFormat.JSON, "  " + a + "  ")).containsExactly(a);
    assertThat(texts(BodyFormat.JSON, "[]")).isEmpty();
    // elements that are not objects keep their text too, and are judged malformed_json
    assertThat(texts(BodyFormat.JSON, "[1.50, \"x\\\"y\", null, [true]]"))
        .containsExactly("1.50", "\"x\\\"y\"", "null", "[true]");
  }

  @Test
  void theWrittenBytesAreTheClientsBytes() throws Exception {
    String event = "{\"event_id\":\"e1\",\"workspace_id\":\"ws-1\",\"metric\":\"api_calls\",\"quantity\":1.50,"
        + "\"occurred_at\":\"" + CollectorFixtures.today() + "T10:00:00+02:00\",\"note\":\"\u00fcber \ud83d\ude00\"}";
    JudgedEvent e = judged(BodyFormat.JSON, "[" + event + "]", null).get(0);
    assertThat(e.value()).isEqualTo(event.getBytes(StandardCharsets.UTF_8));
    assertThat(e.accepted()).isTrue();
    assertThat(e.eventId()).isEqualTo("e1");
    assertThat(e.key()).isEqualTo("ACC-1");
  }

  @Test
  void ndjsonIsOneEventALineBlankLinesSkippedAndABadLineIsThatEventsFault() throws Exception {
    String a = usage("e1", "ws-1", "api_calls", "1.50");
    String b = seat("e2", "ws-2", "u1", "added");
    String body = a + "\r\n\n   \n" + b + "\n{\"event_id\": \n" + "\n";
    assertThat(texts(BodyFormat.NDJSON, body)).containsExactly(a, b, "{\"event_id\": ");
    List<JudgedEvent> j = judged(BodyFormat.NDJSON, body, null);
    assertThat(j).extracting(JudgedEvent::index).containsExactly(0, 1, 2);
    assertThat(j).extracting(JudgedEvent::stream).containsExactly(EventStream.USAGE, EventStream.SEATS,
        EventStream.USAGE);
    assertThat(j.get(2).rejection().reason()).isEqualTo("malformed_json");
    assertThat(j.get(2).written()).isTrue();
    assertThat(texts(BodyFormat.NDJSON, "")).isEmpty();
  }

  @Test
  void cloudEventsCarryTheEventInDataAndTheStreamInType() throws Exception {
    String data = "{\"event_id\":\"e1\", \"workspace_id\":\"ws-2\",\"user_id\":\"u\u00e9\",\"action\":\"added\","
        + "\"occurred_at\":\"" + CollectorFixtures.today() + "T10:00:00Z\"}";
    String ok = "{\"specversion\":\"1.0\",\"id\":\"c1\",\"source\":\"/app\",\"type\":\"dev.leakproof.seat\","
        + "\"datacontenttype\":\"application/json\",\"data\": " + data + " }";
    String noSpec = "{\"id\":\"c2\",\"source\":\"/app\",\"type\":\"dev.leakproof.usage\",\"data\":{\"a\":1}}";
    String notObject = "{\"specversion\":\"1.0\",\"id\":\"c3\",\"source\":\"/app\",\"type\":\"dev.leakproof.usage\","
        + "\"data\":\"text\"}";
    List<JudgedEvent> j = judged(BodyFormat.CLOUDEVENTS_BATCH, "[" + ok + "," + noSpec + "," + notObject + ",7]",
        null);
    assertThat(new String(j.get(0).value(), StandardCharsets.UTF_8)).isEqualTo(data);
    assertThat(j.get(0).stream()).isEqualTo(EventStream.SEATS);
    assertThat(j.get(0).accepted()).isTrue();
    assertThat(j.get(1).rejection()).isEqualTo(new Rejection("missing_field",
        "CloudEvent attribute specversion is missing or not a non-empty string"));
    assertThat(new String(j.get(1).value(), StandardCharsets.UTF_8)).isEqualTo(noSpec);
    assertThat(j.get(2).rejection()).isEqualTo(new Rejection("malformed_json",
        "CloudEvent data must be a JSON object, found a string"));
    assertThat(new String(j.get(2).value(), StandardCharsets.UTF_8)).isEqualTo("\"text\"");
    assertThat(j.get(3).rejection().reason()).isEqualTo("malformed_json");
    assertThat(texts(BodyFormat.CLOUDEVENT, ok)).containsExactly(data);
  }

  @Test
  void theStreamIsTheQueryParameterElseTheCloudEventTypeElseInferred() throws Exception {
    String seatLike = "{\"action\":\"added\"}";
    String userOnly = "{\"user_id\":\"u1\"}";
    String both = "{\"user_id\":\"u1\",\"metric\":\"api_calls\"}";
    String body = "[" + seatLike + "," + userOnly + "," + both + ",{}]";
    assertThat(judged(BodyFormat.JSON, body, null)).extracting(JudgedEvent::stream)
        .containsExactly(EventStream.SEATS, EventStream.SEATS, EventStream.USAGE, EventStream.USAGE);
    assertThat(judged(BodyFormat.JSON, body, EventStream.USAGE)).extracting(JudgedEvent::stream)
        .containsOnly(EventStream.USAGE);
    String usageTyped = "{\"specversion\":\"1.0\",\"id\":\"c\",\"source\":\"s\",\"type\":\"dev.leakproof.usage\","
        + "\"data\":" + seatLike + "}";
    assertThat(judged(BodyFormat.CLOUDEVENT, usageTyped, null).get(0).stream()).isEqualTo(EventStream.USAGE);
    assertThat(judged(BodyFormat.CLOUDEVENT, usageTyped, EventStream.SEATS).get(0).stream())
        .isEqualTo(EventStream.SEATS);
    assertThat(EventsEndpoint.stream("a=1&stream=seats")).isEqualTo(EventStream.SEATS);
    assertThatThrownBy(() -> EventsEndpoint.stream("stream=clicks")).isInstanceOf(RequestException.class)
        .hasMessage("Invalid stream: 'clicks' (usage or seats)");
  }

  @Test
  void aBodyThatDoesNotParseIsOneErrorNamingThePosition() {
    assertThatThrownBy(() -> texts(BodyFormat.JSON, "[{\"a\":1},\n {\"b\" 2}]"))
        .isInstanceOf(RequestException.class)
        .hasMessage("Cannot parse the body as application/json: Unexpected character ('2' (code 50)): was expecting"
            + " a colon to separate field name and value at line 2, column 7 (byte 16)")
        .satisfies(e -> assertThat(((RequestException) e).status()).isEqualTo(400));
    assertThatThrownBy(() -> texts(BodyFormat.JSON, "[{\"a\":1}")).hasMessageStartingWith(
        "Cannot parse the body as application/json: Unexpected end-of-input: expected close marker for Array");
    assertThatThrownBy(() -> texts(BodyFormat.JSON, "{\"a\":1} {\"b\":2}"))
        .hasMessage("Cannot parse the body as application/json: content after the end of the JSON value at line 1,"
            + " column 9 (byte 8)");
    assertThatThrownBy(() -> texts(BodyFormat.JSON, "42"))
        .hasMessage("Cannot parse the body as application/json: expected a JSON array or object, found a number at"
            + " line 1, column 1 (byte 0)");
    assertThatThrownBy(() -> texts(BodyFormat.JSON, "")).hasMessage(
        "Cannot parse the body as application/json: it is empty");
  }

  @Test
  void moreEventsThanTheLimitIs413() {
    StringBuilder ndjson = new StringBuilder();
    StringBuilder array = new StringBuilder("[");
    for (int i = 0; i < 10_001; i++) {
      ndjson.append("{}\n");
      array.append(i == 0 ? "{}" : ",{}");
    }
    array.append(']');
    for (String[] c : new String[][] {{"NDJSON", ndjson.toString()}, {"JSON", array.toString()}}) {
      assertThatThrownBy(() -> texts(BodyFormat.valueOf(c[0]), c[1]))
          .hasMessage("Too many events: more than 10000 in one request (collector.max-events); split the batch")
          .satisfies(e -> assertThat(((RequestException) e).status()).isEqualTo(413));
    }
  }

  @Test
  void mediaTypesAndTheirParameters() {
    assertThat(BodyFormat.of("application/json; charset=UTF-8")).contains(BodyFormat.JSON);
    assertThat(BodyFormat.of("Application/X-NDJSON")).contains(BodyFormat.NDJSON);
    assertThat(BodyFormat.of("application/cloudevents-batch+json")).contains(BodyFormat.CLOUDEVENTS_BATCH);
    assertThat(BodyFormat.of("application/cloudevents+json")).contains(BodyFormat.CLOUDEVENT);
    assertThat(BodyFormat.of("application/json; charset=latin1")).isEmpty();
    assertThat(BodyFormat.of("text/plain")).isEmpty();
    assertThat(BodyFormat.of(null)).isEmpty();
  }
}
