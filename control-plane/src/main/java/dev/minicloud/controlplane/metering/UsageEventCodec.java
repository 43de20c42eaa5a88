package dev.minicloud.controlplane.metering;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact binary form of a few usage events, as a request's journal entry stores them
 * ({@link UsageStore#journal}): written on the request path, so no JSON. Layout: version byte 1,
 * event count, then per event id, account, meter (modified UTF-8), time (epoch seconds, nanos) and
 * quantity (scale, unscaled two's-complement bytes).
 */
final class UsageEventCodec {

  private static final int VERSION = 1;

  private UsageEventCodec() {}

  static byte[] encode(List<UsageEvent> events) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 + 64 * events.size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      out.writeShort(events.size());
      for (UsageEvent event : events) {
        out.writeUTF(event.eventId());
        out.writeUTF(event.accountId());
        out.writeUTF(event.meter());
        out.writeLong(event.time().getEpochSecond());
        out.writeInt(event.time().getNano());
        BigDecimal quantity = event.quantity();
        out.writeInt(quantity.scale());
        byte[] unscaled = quantity.unscaledValue().toByteArray();
        out.writeShort(unscaled.length);
        out.write(unscaled);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot happen in memory", e);
    }
    return bytes.toByteArray();
  }

  /** The events of {@link #encode}; an {@link IllegalArgumentException} when the bytes are not that. */
  static List<UsageEvent> decode(byte[] encoded) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      int version = in.readUnsignedByte();
      if (version != VERSION) {
        throw new IllegalArgumentException("unknown usage journal entry version " + version);
      }
      int count = in.readUnsignedShort();
      List<UsageEvent> events = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String id = in.readUTF();
        String account = in.readUTF();
        String meter = in.readUTF();
        Instant time = Instant.ofEpochSecond(in.readLong(), in.readInt());
        int scale = in.readInt();
        byte[] unscaled = new byte[in.readUnsignedShort()];
        in.readFully(unscaled);
        events.add(new UsageEvent(id, account, meter, time, new BigDecimal(new BigInteger(unscaled), scale)));
      }
      if (in.available() > 0) {
        throw new IllegalArgumentException("trailing bytes after " + count + " usage events");
      }
      return events;
    } catch (IOException e) {
      throw new IllegalArgumentException("truncated usage journal entry", e);
    }
  }
}
