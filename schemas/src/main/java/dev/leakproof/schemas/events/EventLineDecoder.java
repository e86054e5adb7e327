package dev.leakproof.schemas.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import dev.leakproof.core.EventStream;
import dev.leakproof.core.QuarantineReason;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes one JSON-lines event: a single JSON object per line (anything else is
 * {@code malformed_json}), then the stream's required fields present, non-null and non-empty
 * (else {@code missing_field}). Reads with Jackson's streaming parser; not thread-safe, make one
 * per thread.
 */
public final class EventLineDecoder {

  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();
  /** Decimals a quantity may have: the lake and the warehouse hold DECIMAL(38,12). */
  public static final int QUANTITY_SCALE = 12;
  /** Integer digits a quantity may have in DECIMAL(38,12). */
  public static final int QUANTITY_INTEGER_DIGITS = 26;

  private static final BigDecimal MAX_DOUBLE = new BigDecimal(Double.MAX_VALUE);
  private static final String RECEIVED_AT = "received_at";

  private String[] names = new String[16];
  private String[] canonical = new String[16];
  private JsonToken[] kinds = new JsonToken[16];
  private String[] texts = new String[16];
  private int count;
  private BigDecimal quantity;
  private QuantityState quantityState;

  /** Decodes a line; never throws for bad input, which comes back quarantined. */
  public DecodedEvent decode(EventLine line) {
    count = 0;
    quantity = null;
    quantityState = QuantityState.ABSENT;
    if (!parseObject(line.text())) {
      return early(line, QuarantineReason.MALFORMED_JSON);
    }
    EventStream stream = line.stream();
    for (String field : stream.requiredFields()) {
      if (isMissing(field)) {
        return early(line, QuarantineReason.MISSING_FIELD);
      }
    }
    long[] hash = fingerprint();
    String corrects = text("corrects_event_id");
    return new DecodedEvent(stream, line.sourceFile(), line.lineNo(), line.seq(), line.text(), null,
        text("event_id"), text("workspace_id"), text("metric"), text("user_id"), text("action"),
        quantity, stream == EventStream.USAGE ? quantityState : QuantityState.VALID,
        stringValue("occurred_at"), stringValue(RECEIVED_AT), corrects == null || corrects.isEmpty() ? null : corrects,
        hash[0], hash[1]);
  }

  private static DecodedEvent early(EventLine line, QuarantineReason reason) {
    return new DecodedEvent(line.stream(), line.sourceFile(), line.lineNo(), line.seq(), line.text(), reason,
        null, null, null, null, null, null, QuantityState.ABSENT, null, null, null, 0, 0);
  }

  private boolean parseObject(String text) {
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        readValue(parser, name, value, text);
      }
      if (token != JsonToken.END_OBJECT) {
        return false;
      }
      return parser.nextToken() == null;
    } catch (IOException | RuntimeException e) {
      // JsonParseException and number-format failures alike: the line is not one JSON object
      return false;
    }
  }

  private void readValue(JsonParser parser, String name, JsonToken value, String line) throws IOException {
    String canonicalValue;
    String textValue = null;
    switch (value) {
      case VALUE_STRING -> {
        textValue = parser.getText();
        canonicalValue = "s" + textValue;
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        textValue = parser.getText();
        if (parser.isNaN()) {
          canonicalValue = "n" + textValue;
        } else {
          BigDecimal number = parser.getDecimalValue();
          canonicalValue = "n" + (number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString());
        }
      }
      case VALUE_TRUE, VALUE_FALSE, VALUE_NULL -> canonicalValue = "k" + value.asString();
      case START_OBJECT, START_ARRAY -> {
        int start = (int) parser.currentTokenLocation().getCharOffset();
        parser.skipChildren();
        int end = (int) parser.currentLocation().getCharOffset();
        textValue = line.substring(start, end);
        canonicalValue = "j" + textValue;
      }
      default -> throw new JsonParseException(parser, "unexpected token " + value);
    }
    if ("quantity".equals(name)) {
      readQuantity(parser, value);
    }
    put(name, canonicalValue, value, textValue);
  }

  private void readQuantity(JsonParser parser, JsonToken value) throws IOException {
    quantity = null;
    switch (value) {
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        if (parser.isNaN()) {
          quantityState = QuantityState.NOT_FINITE;
          return;
        }
        BigDecimal number = parser.getDecimalValue();
        if (value == JsonToken.VALUE_NUMBER_FLOAT && number.abs().compareTo(MAX_DOUBLE) > 0) {
          quantityState = QuantityState.NOT_FINITE;
        } else if (number.signum() < 0) {
          quantityState = QuantityState.NEGATIVE;
        } else if (!fitsStorage(number)) {
          quantityState = QuantityState.OUT_OF_RANGE;
        } else {
          quantity = number.signum() == 0 ? BigDecimal.ZERO : number;
          quantityState = QuantityState.VALID;
        }
      }
      case VALUE_NULL -> quantityState = QuantityState.ABSENT;
      case VALUE_STRING -> quantityState = parser.getText().isEmpty() ? QuantityState.ABSENT : QuantityState.NOT_A_NUMBER;
      default -> quantityState = QuantityState.NOT_A_NUMBER;
    }
  }

  private static boolean fitsStorage(BigDecimal number) {
    if (number.signum() == 0) {
      return true;
    }
    // the integer digits (precision - scale) do not change when trailing zeros are stripped:
    // only a scale above the column's needs the (costly) strip to see whether it shrinks
    if (number.precision() - number.scale() > QUANTITY_INTEGER_DIGITS) {
      return false;
    }
    if (number.scale() <= QUANTITY_SCALE) {
      return true;
    }
    BigDecimal stripped = number.stripTrailingZeros();
    return stripped.scale() <= QUANTITY_SCALE && stripped.precision() - stripped.scale() <= QUANTITY_INTEGER_DIGITS;
  }

  /** Later keys win over earlier ones, as in most JSON readers. */
  private void put(String name, String canonicalValue, JsonToken kind, String text) {
    for (int i = 0; i < count; i++) {
      if (names[i].equals(name)) {
        canonical[i] = canonicalValue;
        kinds[i] = kind;
        texts[i] = text;
        return;
      }
    }
    if (count == names.length) {
      names = Arrays.copyOf(names, count * 2);
      canonical = Arrays.copyOf(canonical, count * 2);
      kinds = Arrays.copyOf(kinds, count * 2);
      texts = Arrays.copyOf(texts, count * 2);
    }
    names[count] = name;
    canonical[count] = canonicalValue;
    kinds[count] = kind;
    texts[count] = text;
    count++;
  }

  private int indexOf(String name) {
    for (int i = 0; i < count; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private boolean isMissing(String field) {
    int i = indexOf(field);
    if (i < 0 || kinds[i] == JsonToken.VALUE_NULL) {
      return true;
    }
    return kinds[i] == JsonToken.VALUE_STRING && texts[i].isEmpty();
  }

  /** The field's text: a string's value, a number's or a nested value's JSON text; null if absent. */
  private String text(String field) {
    int i = indexOf(field);
    if (i < 0 || kinds[i] == JsonToken.VALUE_NULL) {
      return null;
    }
    return texts[i] != null ? texts[i] : kinds[i].asString();
  }

  /** The field's value if it is a JSON string, else null. */
  private String stringValue(String field) {
    int i = indexOf(field);
    return i >= 0 && kinds[i] == JsonToken.VALUE_STRING ? texts[i] : null;
  }

  /** Fingerprint of every field but received_at, independent of field order. */
  private long[] fingerprint() {
    Integer[] order = new Integer[count];
    for (int i = 0; i < count; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> names[a].compareTo(names[b]));
    StringBuilder content = new StringBuilder(160);
    for (int i : order) {
      if (!RECEIVED_AT.equals(names[i])) {
        content.append(names[i]).append('\u0000').append(canonical[i]).append('\u0001');
      }
    }
    byte[] bytes = content.toString().getBytes(StandardCharsets.UTF_8);
    return Murmur3.hash128(bytes, bytes.length, 0x1EA4_9200L);
  }
}
