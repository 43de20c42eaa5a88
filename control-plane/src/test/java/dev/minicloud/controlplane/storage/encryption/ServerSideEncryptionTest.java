package dev.minicloud.controlplane.storage.encryption;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.minicloud.controlplane.identity.SecretCipher;
import dev.minicloud.controlplane.storage.blob.BlobCopy;
import dev.minicloud.controlplane.storage.blob.BodyTransform;
import dev.minicloud.controlplane.storage.blob.Segment;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pieces the handlers compose: the upload transform (digests see plaintext, nodes ciphertext),
 * the reader (ciphertext from any offset back to plaintext) and the copy pass (every direction).
 */
class ServerSideEncryptionTest {

  @TempDir
  Path dir;

  private final Random random = new Random(3);

  @Test
  void aPlainUploadIsLeftExactlyAsItWas() {
    ServerSideEncryption sse = sse();
    Consumer<Buffer> observer = b -> { };
    ServerSideEncryption.Upload upload = sse.upload(false, "o1", BodyTransform.IDENTITY, observer);
    assertSame(BodyTransform.IDENTITY, upload.transform());
    assertSame(observer, upload.observer());
    assertNull(upload.sealedKey());
    assertNull(upload.encryption());
    Segment segment = new Segment("o1", 10, List.of("n"));
    ReadStream<Buffer> stored = new FakeStream();
    assertSame(stored, sse.reader(null).plaintext(segment, 0, stored), "plain reads are not wrapped");
  }

  @Test
  void anEncryptedUploadShowsPlaintextToTheDigestsAndCiphertextToTheNodes() {
    ServerSideEncryption sse = sse();
    byte[] plain = bytes(150_000);
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    ServerSideEncryption.Upload upload = sse.upload(true, "o1", BodyTransform.IDENTITY,
        b -> seen.writeBytes(b.getBytes()));
    for (int at = 0; at < plain.length; at += 40_000) {
      upload.transform().feed(Buffer.buffer(Arrays.copyOfRange(plain, at, Math.min(plain.length, at + 40_000))),
          b -> written.writeBytes(b.getBytes()));
    }
    upload.transform().finish(b -> written.writeBytes(b.getBytes()));
    upload.observer().accept(Buffer.buffer("ignored"));
    assertArrayEquals(plain, seen.toByteArray(), "the digests saw exactly the plaintext");
    byte[] stored = written.toByteArray();
    assertEquals(plain.length, stored.length);
    assertFalse(Arrays.equals(plain, stored));
    ObjectEncryption encryption = upload.encryption();
    assertEquals("AES256", encryption.algorithm());
    assertEquals("o1", encryption.keys().get(0).blobId());

    // Any range decrypts on its own.
    Segment segment = new Segment("o1", plain.length, List.of("n"));
    for (int from : new int[] {0, 1, 16, 65_537, plain.length - 3}) {
      FakeStream node = new FakeStream();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ReadStream<Buffer> plaintext = sse.reader(encryption).plaintext(segment, from, node);
      plaintext.handler(b -> out.writeBytes(b.getBytes()));
      node.emit(Arrays.copyOfRange(stored, from, Math.min(stored.length, from + 7)));
      node.emit(Arrays.copyOfRange(stored, Math.min(stored.length, from + 7), stored.length));
      assertArrayEquals(Arrays.copyOfRange(plain, from, plain.length), out.toByteArray(), "from " + from);
    }
  }

  @Test
  void copiesDecryptTheSourceAndEncryptTheTargetInEveryDirection() {
    ServerSideEncryption sse = sse();
    byte[] first = bytes(1000);
    byte[] second = bytes(777);
    byte[] plain = concat(first, second);
    // A two-segment encrypted source (like a multipart object), each segment under its own key.
    Stored a = store(sse, "p1", first);
    Stored b = store(sse, "p2", second);
    ObjectEncryption encrypted = ObjectEncryption.aes256(List.of(a.key(), b.key()));

    for (boolean sourceEncrypted : new boolean[] {true, false}) {
      for (boolean targetEncrypted : new boolean[] {true, false}) {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        ServerSideEncryption.Copy copy = sse.copy(sourceEncrypted ? encrypted : null, targetEncrypted, "o9",
            buf -> seen.writeBytes(buf.getBytes()));
        // A range starting inside the first segment, as UploadPartCopy reads it.
        int from = 3;
        byte[] out = concat(
            pass(copy.pass(), a.segment(), from, Arrays.copyOfRange(sourceEncrypted ? a.bytes() : first, from, 1000)),
            pass(copy.pass(), b.segment(), 0, sourceEncrypted ? b.bytes() : second));
        String cell = (sourceEncrypted ? "encrypted" : "plain") + " -> " + (targetEncrypted ? "encrypted" : "plain");
        byte[] expected = Arrays.copyOfRange(plain, from, plain.length);
        assertArrayEquals(expected, seen.toByteArray(), cell + ": digests see plaintext");
        if (targetEncrypted) {
          assertNotNull(copy.sealedKey(), cell);
          FakeStream node = new FakeStream();
          ByteArrayOutputStream back = new ByteArrayOutputStream();
          sse.reader(copy.encryption()).plaintext(new Segment("o9", out.length, List.of("n")), 0, node)
              .handler(buf -> back.writeBytes(buf.getBytes()));
          node.emit(out);
          assertFalse(Arrays.equals(expected, out), cell + ": the target is ciphertext");
          assertArrayEquals(expected, back.toByteArray(), cell + ": and decrypts to the source's plaintext");
        } else {
          assertNull(copy.encryption(), cell);
          assertArrayEquals(expected, out, cell);
        }
      }
    }
  }

  private record Stored(Segment segment, SealedKey key, byte[] bytes) {}

  private Stored store(ServerSideEncryption sse, String blobId, byte[] plain) {
    ServerSideEncryption.Upload upload = sse.upload(true, blobId, BodyTransform.IDENTITY, b -> { });
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    upload.transform().feed(Buffer.buffer(plain), b -> out.writeBytes(b.getBytes()));
    return new Stored(new Segment(blobId, plain.length, List.of("n")), upload.sealedKey(), out.toByteArray());
  }

  private static byte[] pass(BlobCopy.Pass pass, Segment segment, long from, byte[] stored) {
    UnaryOperator<Buffer> f = pass.segment(segment, from);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int half = stored.length / 2;
    out.writeBytes(f.apply(Buffer.buffer(Arrays.copyOfRange(stored, 0, half))).getBytes());
    out.writeBytes(f.apply(Buffer.buffer(Arrays.copyOfRange(stored, half, stored.length))).getBytes());
    return out.toByteArray();
  }

  private ServerSideEncryption sse() {
    return new ServerSideEncryption(new DataKeys(SecretCipher.loadOrCreate(dir.resolve("master.key"))));
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  /** A node's response body driven by the test. */
  private static final class FakeStream implements ReadStream<Buffer> {
    private Handler<Buffer> handler;

    void emit(byte[] bytes) {
      handler.handle(Buffer.buffer(bytes));
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
      return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> h) {
      this.handler = h;
      return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
      return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
      return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
      return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> h) {
      return this;
    }
  }
}
