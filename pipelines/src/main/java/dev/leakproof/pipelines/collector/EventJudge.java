package dev.leakproof.pipelines.collector;

import dev.leakproof.core.EventStream;
import dev.leakproof.core.QuarantineReason;
import dev.leakproof.schemas.events.Checked;
import dev.leakproof.schemas.events.DecodedEvent;
import dev.leakproof.schemas.events.EventLine;
import dev.leakproof.schemas.events.EventLineDecoder;
import dev.leakproof.schemas.events.EventValidator;
import dev.leakproof.schemas.events.ReferenceFiles;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs the checks the collector can make alone on each event of a request: size, decoding
 * ({@code malformed_json}, {@code missing_field}) and the stateless checks against the
 * reference data, with {@code future_timestamp} judged against today's UTC date. The duplicate
 * and correction rules need the job's state and are left to it. Thread-safe.
 */
final class EventJudge {

  private record Validator(ReferenceFiles.Snapshot snapshot, LocalDate asOf, EventValidator validator) {}

  private final ReferenceFiles reference;
  private final int maxEventBytes;
  private final Clock clock;
  private volatile Validator validator;

  EventJudge(ReferenceFiles reference, int maxEventBytes, Clock clock) {
    this.reference = reference;
    this.maxEventBytes = maxEventBytes;
    this.clock = clock;
  }

  /**
   * Judges the events of one request.
   *
   * @param requested the stream the request names ({@code ?stream=}), or null
   * @param source the API key's source, recorded as the decoder's source file
   */
  List<JudgedEvent> judge(List<RawEvent> events, byte[] body, EventStream requested, String source) {
    Validator v = validator();
    EventLineDecoder decoder = new EventLineDecoder();
    List<JudgedEvent> out = new ArrayList<>(events.size());
    for (RawEvent raw : events) {
      out.add(judge(raw, body, requested, source, v, decoder));
    }
    return out;
  }

  private JudgedEvent judge(RawEvent raw, byte[] body, EventStream requested, String source, Validator v,
      EventLineDecoder decoder) {
    byte[] value = Arrays.copyOfRange(body, raw.offset(), raw.offset() + raw.length());
    EventStream stream = requested != null ? requested : raw.declaredStream();
    if (value.length > maxEventBytes) {
      return new JudgedEvent(raw.index(), stream == null ? EventStream.USAGE : stream, null, value, null,
          RejectionDetails.tooLarge(value.length, maxEventBytes));
    }
    String text = utf8(value);
    EventFields fields = EventFields.scan(text == null ? "" : text);
    stream = stream != null ? stream : fields.inferStream();
    if (text == null) {
      return new JudgedEvent(raw.index(), stream, null, value, null,
          Rejection.of(QuarantineReason.MALFORMED_JSON, "not valid UTF-8"));
    }
    Rejection rejection = raw.envelope();
    DecodedEvent decoded = null;
    if (rejection == null) {
      decoded = decoder.decode(new EventLine(stream, source, raw.index() + 1L, 0, text));
      if (!decoded.decoded()) {
        rejection = RejectionDetails.early(decoded.early(), stream, fields);
      } else {
        Checked checked = v.validator().check(decoded, v.asOf());
        if (!checked.passed()) {
          rejection = RejectionDetails.checked(checked.reason(), decoded, fields, v.asOf());
        }
      }
    }
    boolean known = decoded != null && decoded.decoded();
    String eventId = known ? decoded.eventId() : fields.string("event_id");
    String workspace = known ? decoded.workspaceId() : fields.string("workspace_id");
    String account = v.snapshot().account(workspace);
    String key = account != null ? account : workspace != null ? workspace : eventId;
    return new JudgedEvent(raw.index(), stream, key, value, eventId, rejection);
  }

  /** The validator of the current reference data and UTC date, rebuilt only when either changed. */
  private Validator validator() {
    ReferenceFiles.Snapshot snapshot = reference.current();
    LocalDate today = LocalDate.now(clock);
    Validator v = validator;
    if (v == null || v.snapshot() != snapshot || !v.asOf().equals(today)) {
      v = new Validator(snapshot, today, new EventValidator(snapshot.referenceData(today)));
      validator = v;
    }
    return v;
  }

  /** The text of strictly valid UTF-8, else null. */
  private static String utf8(byte[] value) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(value)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
