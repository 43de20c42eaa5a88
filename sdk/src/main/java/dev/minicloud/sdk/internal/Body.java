package dev.minicloud.sdk.internal;

import dev.minicloud.common.sigv4.Hashes;
import dev.minicloud.common.sigv4.PayloadHashes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * A request body: how to publish it, the payload hash to sign and whether it can be sent again
 * (a retry needs a fresh copy). Files and streams are sent {@code UNSIGNED-PAYLOAD}: hashing them
 * first would mean reading them twice.
 */
public final class Body {

  private final Supplier<BodyPublisher> publisher;
  private final String payloadHash;
  private final boolean repeatable;
  private final long length;
  private final byte[] bytes;

  private Body(Supplier<BodyPublisher> publisher, String payloadHash, boolean repeatable, long length, byte[] bytes) {
    this.publisher = publisher;
    this.payloadHash = payloadHash;
    this.repeatable = repeatable;
    this.length = length;
    this.bytes = bytes;
  }

  /** No body. */
  public static Body empty() {
    return new Body(BodyPublishers::noBody, PayloadHashes.EMPTY_SHA256, true, 0, new byte[0]);
  }

  /** A small in-memory body, signed with its SHA-256. */
  public static Body bytes(byte[] data) {
    return new Body(() -> BodyPublishers.ofByteArray(data), Hashes.sha256Hex(data), true, data.length, data);
  }

  /** In-memory bytes, with progress reporting as they are sent. */
  public static Body bytes(byte[] data, LongConsumer progress) {
    if (progress == null) {
      return bytes(data);
    }
    return new Body(() -> counted(() -> new java.io.ByteArrayInputStream(data), data.length, progress),
        Hashes.sha256Hex(data), true, data.length, data);
  }

  /** {@code length} bytes of {@code file} from {@code offset}, streamed; can be re-sent. */
  public static Body file(Path file, long offset, long length, LongConsumer progress) {
    return new Body(() -> counted(() -> slice(file, offset, length), length, progress),
        PayloadHashes.UNSIGNED_PAYLOAD, true, length, null);
  }

  /**
   * {@code length} bytes read from {@code in} (no more, and the caller's stream is left open);
   * can be sent once only (never retried).
   */
  public static Body stream(InputStream in, long length, LongConsumer progress) {
    InputStream bounded = new BoundedInputStream(new java.io.FilterInputStream(in) {
      @Override
      public void close() {
        // the caller owns the stream
      }
    }, length);
    boolean[] used = new boolean[1];
    return new Body(() -> {
      if (used[0]) {
        throw new IllegalStateException("a stream body cannot be sent twice");
      }
      used[0] = true;
      return counted(() -> bounded, length, progress);
    }, PayloadHashes.UNSIGNED_PAYLOAD, false, length, null);
  }

  BodyPublisher publisher() {
    return publisher.get();
  }

  String payloadHash() {
    return payloadHash;
  }

  boolean repeatable() {
    return repeatable;
  }

  /** The body length in bytes. */
  public long length() {
    return length;
  }

  /** The bytes, for in-memory bodies (null otherwise). */
  byte[] bytes() {
    return bytes;
  }

  private static BodyPublisher counted(Supplier<InputStream> source, long length, LongConsumer progress) {
    Supplier<InputStream> counting = progress == null ? source : () -> new CountingInputStream(source.get(), progress);
    return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(counting), length);
  }

  private static InputStream slice(Path file, long offset, long length) {
    try {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      channel.position(offset);
      return new BoundedInputStream(Channels.newInputStream(channel), length);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
