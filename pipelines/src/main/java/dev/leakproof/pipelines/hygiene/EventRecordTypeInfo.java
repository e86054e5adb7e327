package dev.leakproof.pipelines.hygiene;

import dev.leakproof.core.EventStream;
import dev.leakproof.core.QuarantineReason;
import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink type information for {@link EventRecord}: a hand-written serializer (fields in a fixed
 * order, strings as length-prefixed UTF-8) instead of the reflective record serializer, which
 * cost more than the hygiene checks themselves.
 */
public final class EventRecordTypeInfo extends TypeInformation<EventRecord> {

  private static final long serialVersionUID = 1L;

  /** Lets Flink's type extraction find this type information through {@code @TypeInfo}. */
  public static final class Factory extends TypeInfoFactory<EventRecord> {
    @Override
    public TypeInformation<EventRecord> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
      return new EventRecordTypeInfo();
    }
  }

  @Override
  public boolean isBasicType() {
    return false;
  }

  @Override
  public boolean isTupleType() {
    return false;
  }

  @Override
  public int getArity() {
    return 1;
  }

  @Override
  public int getTotalFields() {
    return 1;
  }

  @Override
  public Class<EventRecord> getTypeClass() {
    return EventRecord.class;
  }

  @Override
  public boolean isKeyType() {
    return false;
  }

  @Override
  public TypeSerializer<EventRecord> createSerializer(SerializerConfig config) {
    return Serializer.INSTANCE;
  }

  @Override
  public String toString() {
    return "EventRecord";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EventRecordTypeInfo;
  }

  @Override
  public int hashCode() {
    return EventRecordTypeInfo.class.hashCode();
  }

  @Override
  public boolean canEqual(Object o) {
    return o instanceof EventRecordTypeInfo;
  }

  /** The serializer; records are immutable, so copies are the records themselves. */
  public static final class Serializer extends TypeSerializerSingleton<EventRecord> {

    private static final long serialVersionUID = 1L;
    static final Serializer INSTANCE = new Serializer();
    private static final EventStream[] STREAMS = EventStream.values();
    private static final QuarantineReason[] REASONS = QuarantineReason.values();

    @Override
    public boolean isImmutableType() {
      return true;
    }

    @Override
    public EventRecord createInstance() {
      return null;
    }

    @Override
    public EventRecord copy(EventRecord from) {
      return from;
    }

    @Override
    public EventRecord copy(EventRecord from, EventRecord reuse) {
      return from;
    }

    @Override
    public int getLength() {
      return -1;
    }

    @Override
    public void serialize(EventRecord r, DataOutputView out) throws IOException {
      out.writeByte(r.stream().ordinal());
      out.writeInt(r.sourceIndex());
      out.writeLong(r.lineNo());
      out.writeLong(r.seq());
      writeString(r.raw(), out);
      writeString(r.eventId(), out);
      writeString(r.workspaceId(), out);
      writeString(r.metric(), out);
      writeString(r.userId(), out);
      writeString(r.action(), out);
      writeDecimal(r.quantity(), out);
      out.writeLong(r.occurredAtMicros());
      out.writeLong(r.receivedAtMicros());
      out.writeLong(r.collectedAtMicros());
      writeString(r.correctsEventId(), out);
      out.writeLong(r.contentHi());
      out.writeLong(r.contentLo());
      out.writeByte(r.checkFailure() == null ? -1 : r.checkFailure().ordinal());
    }

    @Override
    public EventRecord deserialize(DataInputView in) throws IOException {
      EventStream stream = STREAMS[in.readByte()];
      int sourceIndex = in.readInt();
      long lineNo = in.readLong();
      long seq = in.readLong();
      String raw = readString(in);
      String eventId = readString(in);
      String workspaceId = readString(in);
      String metric = readString(in);
      String userId = readString(in);
      String action = readString(in);
      BigDecimal quantity = readDecimal(in);
      long occurred = in.readLong();
      long received = in.readLong();
      long collected = in.readLong();
      String corrects = readString(in);
      long hi = in.readLong();
      long lo = in.readLong();
      byte reason = in.readByte();
      return new EventRecord(stream, sourceIndex, lineNo, seq, raw, eventId, workspaceId, metric, userId, action,
          quantity, occurred, received, collected, corrects, hi, lo, reason < 0 ? null : REASONS[reason]);
    }

    @Override
    public EventRecord deserialize(EventRecord reuse, DataInputView in) throws IOException {
      return deserialize(in);
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
      serialize(deserialize(in), out);
    }

    @Override
    public TypeSerializerSnapshot<EventRecord> snapshotConfiguration() {
      return new Snapshot();
    }

    private static void writeString(String s, DataOutputView out) throws IOException {
      if (s == null) {
        out.writeInt(-1);
        return;
      }
      byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
      out.writeInt(bytes.length);
      out.write(bytes);
    }

    private static String readString(DataInputView in) throws IOException {
      int length = in.readInt();
      if (length < 0) {
        return null;
      }
      byte[] bytes = new byte[length];
      in.readFully(bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void writeDecimal(BigDecimal d, DataOutputView out) throws IOException {
      if (d == null) {
        out.writeInt(-1);
        return;
      }
      byte[] unscaled = d.unscaledValue().toByteArray();
      out.writeInt(unscaled.length);
      out.write(unscaled);
      out.writeInt(d.scale());
    }

    private static BigDecimal readDecimal(DataInputView in) throws IOException {
      int length = in.readInt();
      if (length < 0) {
        return null;
      }
      byte[] unscaled = new byte[length];
      in.readFully(unscaled);
      return new BigDecimal(new BigInteger(unscaled), in.readInt());
    }
  }

  /** Snapshot of the serializer for checkpoints; it has no configuration. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<EventRecord> {
    public Snapshot() {
      super(() -> Serializer.INSTANCE);
    }
  }
}
