package dev.minicloud.controlplane.storage.integrity;

import dev.minicloud.common.sigv4.ChunkSignatureChain;
import dev.minicloud.common.sigv4.Hashes;
import dev.minicloud.common.sigv4.SigV4Signer;
import dev.minicloud.common.sigv4.SigV4Verifier;
import dev.minicloud.common.sigv4.SignableRequest;
import dev.minicloud.common.sigv4.SigningCredentials;
import dev.minicloud.common.sigv4.SigningResult;
import dev.minicloud.common.sigv4.VerifiedRequest;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/** Builds aws-chunked bodies the way clients do, and signed requests to verify them against. */
final class ChunkedBodies {

  static final SigningCredentials KEY =
      new SigningCredentials("AKIAINTEGRITY0000000", "integrity/secret/key/0000000000000000000");
  static final Instant T = Instant.parse("2025-06-01T10:00:00Z");

  private ChunkedBodies() {}

  /** The client's chain (to sign chunks) and the server's view of the same request. */
  record Signed(ChunkSignatureChain client, VerifiedRequest verified) {}

  /** A PUT signed with our signer for {@code mode}, as the verifier sees it on the wire. */
  static Signed sign(String mode, String trailer, long decodedLength) {
    SignableRequest.Builder request = SignableRequest.builder("PUT")
        .uri(URI.create("http://127.0.0.1:9000/bucket/key"))
        .header("Content-Encoding", "aws-chunked")
        .header("x-amz-decoded-content-length", Long.toString(decodedLength));
    if (trailer != null) {
      request.header("x-amz-trailer", trailer);
    }
    SignableRequest unsigned = request.build();
    SigningResult signed = new SigV4Signer(KEY, "us-east-1", "s3").sign(unsigned, mode, T);
    SignableRequest.Builder wire = unsigned.toBuilder();
    signed.headers().forEach((name, value) -> wire.removeHeader(name).header(name, value));
    VerifiedRequest verified = verifier(T, KEY.accessKeyId(), KEY.secretKey()).verify(wire.build());
    return new Signed(ChunkSignatureChain.of(signed), verified);
  }

  static SigV4Verifier verifier(Instant now, String accessKeyId, String secret) {
    return new SigV4Verifier(Clock.fixed(now, ZoneOffset.UTC),
        id -> id.equals(accessKeyId) ? Optional.of(secret) : Optional.empty());
  }

  /**
   * A signed body: each chunk {@code hex;chunk-signature=SIG CRLF data CRLF}, the final zero chunk,
   * then (trailers != null) the trailers and x-amz-trailer-signature, then the empty line.
   */
  static byte[] encodeSigned(ChunkSignatureChain chain, List<byte[]> chunks,
      Map<String, String> trailers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] chunk : chunks) {
      ascii(out, Integer.toHexString(chunk.length) + ";chunk-signature="
          + chain.next(Hashes.sha256Hex(chunk)) + "\r\n");
      out.writeBytes(chunk);
      ascii(out, "\r\n");
    }
    ascii(out, "0;chunk-signature=" + chain.next(Hashes.sha256Hex(new byte[0])) + "\r\n");
    if (trailers != null) {
      StringBuilder canonical = new StringBuilder();
      new TreeMap<>(trailers).forEach((n, v) -> canonical.append(n).append(':').append(v)
          .append('\n'));
      trailers.forEach((n, v) -> ascii(out, n + ":" + v + "\r\n"));
      ascii(out, "x-amz-trailer-signature:" + chain.trailer(canonical.toString()) + "\r\n");
    }
    ascii(out, "\r\n");
    return out.toByteArray();
  }

  /** An unsigned body as botocore and the SDKs write it: {@code hex CRLF data CRLF}, ..., trailers. */
  static byte[] encodeUnsigned(List<byte[]> chunks, Map<String, String> trailers) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] chunk : chunks) {
      ascii(out, Integer.toHexString(chunk.length) + "\r\n");
      out.writeBytes(chunk);
      ascii(out, "\r\n");
    }
    ascii(out, "0\r\n");
    trailers.forEach((n, v) -> ascii(out, n + ":" + v + "\r\n"));
    ascii(out, "\r\n");
    return out.toByteArray();
  }

  static void ascii(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  /** Feeds {@code body} in pieces of {@code size} bytes. */
  static void feed(AwsChunkedDecoder decoder, byte[] body, int size) {
    for (int off = 0; off < body.length; off += size) {
      decoder.feed(ByteBuffer.wrap(body, off, Math.min(size, body.length - off)));
    }
  }

  /** A sink that keeps what it is given. */
  static final class Collector implements Consumer<ByteBuffer> {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public void accept(ByteBuffer data) {
      byte[] copy = new byte[data.remaining()];
      data.get(copy);
      bytes.writeBytes(copy);
    }

    byte[] toByteArray() {
      return bytes.toByteArray();
    }
  }
}
