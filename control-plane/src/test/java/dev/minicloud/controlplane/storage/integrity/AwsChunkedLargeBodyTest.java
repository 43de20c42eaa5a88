package dev.minicloud.controlplane.storage.integrity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.sigv4.ChunkSignatureChain;
import dev.minicloud.common.sigv4.Hashes;
import dev.minicloud.common.sigv4.PayloadHashes;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A 64 MiB random body, signed chunk by chunk with a CRC64NVME trailer, generated on the fly and fed
 * in random pieces: the decoded bytes hash like the original, and decoding allocates a small,
 * fixed amount however big the body is (nothing is copied or accumulated).
 */
class AwsChunkedLargeBodyTest {

  static final long SIZE = 64L << 20;
  static final String TRAILER = ChecksumAlgorithm.CRC64NVME.headerName();

  @Test
  void sixtyFourMebibytesInRandomPieces() throws Exception {
    ChunkedBodies.Signed upload = ChunkedBodies.sign(
        PayloadHashes.STREAMING_AWS4_HMAC_SHA256_PAYLOAD_TRAILER, TRAILER, SIZE);
    EncodingStream source = new EncodingStream(upload.client(), SIZE, new Random(64));

    MessageDigest decodedSha = Hashes.newSha256();
    PayloadDigests digests = PayloadDigests.of(
        PayloadExpectations.builder().trailer(TRAILER).build());
    AwsChunkedDecoder decoder = AwsChunkedDecoder.forRequest(upload.verified(), TRAILER, SIZE,
        data -> {
          decodedSha.update(data.duplicate());
          digests.update(data);
        });

    Random pieces = new Random(65);
    byte[] buffer = new byte[256 * 1024];
    long before = allocatedBytes();
    long fed = 0;
    while (true) {
      int want = pieces.nextInt(10) == 0 ? 1 + pieces.nextInt(16) : 1 + pieces.nextInt(buffer.length);
      int n = source.read(buffer, 0, want);
      if (n < 0) {
        break;
      }
      decoder.feed(ByteBuffer.wrap(buffer, 0, n));
      fed += n;
    }
    Map<String, String> trailers = decoder.finish();
    long allocated = allocatedBytes() - before;

    assertEquals(SIZE, decoder.decodedLength());
    assertTrue(fed > SIZE);
    assertArrayEquals(source.sha256.digest(), decodedSha.digest());
    PayloadDigests.Result result = digests.finishAndVerify(trailers);
    assertEquals(SIZE, result.length());
    if (allocated >= 0) {
      // Encoder and decoder together, on this thread; a copy of the body would be 64 MiB.
      assertTrue(allocated < 8L << 20, "allocated " + allocated + " bytes for a 64 MiB body");
    }
  }

  /** Bytes allocated by this thread so far, or a negative number where the JVM cannot tell. */
  private static long allocatedBytes() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean bean
        && bean.isThreadAllocatedMemorySupported() && bean.isThreadAllocatedMemoryEnabled()) {
      return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
    return -1;
  }

  /**
   * The aws-chunked encoding of {@code size} random bytes in chunks of random sizes (up to 1 MiB),
   * produced as it is read; it keeps the SHA-256 of the plain data and writes the CRC64NVME trailer.
   */
  static final class EncodingStream extends InputStream {
    final MessageDigest sha256 = Hashes.newSha256();
    private final ChunkSignatureChain chain;
    private final Random random;
    private final RunningChecksum crc = ChecksumAlgorithm.CRC64NVME.newChecksum();
    private final MessageDigest chunkSha = Hashes.newSha256();
    private final byte[] frame = new byte[(1 << 20) + 512];
    private int frameLength;
    private int framePosition;
    private long remaining;
    private boolean ended;

    EncodingStream(ChunkSignatureChain chain, long size, Random random) {
      this.chain = chain;
      this.remaining = size;
      this.random = random;
    }

    @Override
    public int read() {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] out, int off, int len) {
      if (framePosition == frameLength && !nextFrame()) {
        return -1;
      }
      int n = Math.min(len, frameLength - framePosition);
      System.arraycopy(frame, framePosition, out, off, n);
      framePosition += n;
      return n;
    }

    private boolean nextFrame() {
      if (ended) {
        return false;
      }
      frameLength = 0;
      framePosition = 0;
      if (remaining == 0) {
        put("0;chunk-signature=" + chain.next(PayloadHashes.EMPTY_SHA256) + "\r\n");
        String trailer = TRAILER + ":" + crc.base64();
        put(trailer + "\r\n");
        put("x-amz-trailer-signature:" + chain.trailer(trailer + "\n") + "\r\n\r\n");
        ended = true;
        return true;
      }
      int size = (int) Math.min(remaining, 1 + random.nextInt(1 << 20));
      // data first, at its final place after a header of known length
      String hexSize = Integer.toHexString(size);
      int headerLength = hexSize.length() + ";chunk-signature=".length() + 64 + 2;
      byte[] data = frame;
      int dataOffset = headerLength;
      fill(data, dataOffset, size);
      sha256.update(data, dataOffset, size);
      crc.update(data, dataOffset, size);
      chunkSha.update(data, dataOffset, size);
      String header = hexSize + ";chunk-signature=" + chain.next(Hashes.hex(chunkSha.digest()))
          + "\r\n";
      byte[] headerBytes = header.getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(headerBytes, 0, frame, 0, headerLength);
      frameLength = headerLength + size;
      frame[frameLength++] = '\r';
      frame[frameLength++] = '\n';
      remaining -= size;
      return true;
    }

    private void fill(byte[] target, int off, int len) {
      for (int i = 0; i < len; i += 8) {
        long value = random.nextLong();
        for (int j = 0; j < 8 && i + j < len; j++) {
          target[off + i + j] = (byte) (value >>> (8 * j));
        }
      }
    }

    private void put(String text) {
      byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(bytes, 0, frame, frameLength, bytes.length);
      frameLength += bytes.length;
    }
  }
}
