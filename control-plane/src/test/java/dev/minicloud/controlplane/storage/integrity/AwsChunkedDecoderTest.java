package dev.minicloud.controlplane.storage.integrity;

import static dev.minicloud.controlplane.storage.integrity.ChunkedBodies.ascii;
import static dev.minicloud.controlplane.storage.integrity.ChunkedBodies.encodeSigned;
import static dev.minicloud.controlplane.storage.integrity.ChunkedBodies.encodeUnsigned;
import static dev.minicloud.controlplane.storage.integrity.ChunkedBodies.feed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.sigv4.PayloadHashes;
import dev.minicloud.common.sigv4.SignableRequest;
import dev.minicloud.common.sigv4.VerifiedRequest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class AwsChunkedDecoderTest {

  static final String CRC32 = "x-amz-checksum-crc32";

  static byte[] a(int n) {
    byte[] data = new byte[n];
    Arrays.fill(data, (byte) 'a');
    return data;
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  static String crc32(byte[] data) {
    return ChecksumAlgorithm.CRC32.encode(ChecksumAlgorithm.CRC32.checksum(data));
  }

  static IntegrityFailure failureOf(Executable executable) {
    return assertThrows(IntegrityException.class, executable).failure();
  }

  /** Feeds the whole body at once and finishes; returns the failure. */
  static IntegrityFailure failureOf(Supplier<AwsChunkedDecoder> decoder, byte[] body) {
    return failureOf(() -> {
      AwsChunkedDecoder d = decoder.get();
      d.feed(ByteBuffer.wrap(body));
      d.finish();
    });
  }

  // ------------------------------------------------------------------ AWS documented examples

  /**
   * S3 API reference, "Signature Calculations for the Authorization Header: Transferring Payload in
   * Multiple Chunks" and "... Including Trailing Headers": 65 KiB of 'a' in a 64 KiB and a 1 KiB
   * chunk, AKIAIOSFODNN7EXAMPLE, 20130524T000000Z, us-east-1.
   */
  @Nested
  class AwsDocumentedExamples {
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final Instant TIME = Instant.parse("2013-05-24T00:00:00Z");

    VerifiedRequest verify(String payloadHash, String seed, String signedHeaders,
        SignableRequest.Builder request) {
      SignableRequest wire = request
          .header("x-amz-date", "20130524T000000Z")
          .header("x-amz-content-sha256", payloadHash)
          .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/"
              + "us-east-1/s3/aws4_request, SignedHeaders=" + signedHeaders + ", Signature=" + seed)
          .build();
      return ChunkedBodies.verifier(TIME, "AKIAIOSFODNN7EXAMPLE", SECRET).verify(wire);
    }

    VerifiedRequest chunkedRequest() {
      return verify(PayloadHashes.STREAMING_AWS4_HMAC_SHA256_PAYLOAD,
          "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9",
          "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
              + "x-amz-decoded-content-length;x-amz-storage-class",
          SignableRequest.builder("PUT").rawPath("/examplebucket/chunkObject.txt")
              .header("Host", "s3.amazonaws.com")
              .header("Content-Encoding", "aws-chunked")
              .header("Content-Length", "66824")
              .header("x-amz-decoded-content-length", "66560")
              .header("x-amz-storage-class", "REDUCED_REDUNDANCY"));
    }

    byte[] chunkedBody() {
      return concat(
          ascii("10000;chunk-signature="
              + "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n"),
          a(65536), ascii("\r\n"),
          ascii("400;chunk-signature="
              + "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n"),
          a(1024), ascii("\r\n"),
          ascii("0;chunk-signature="
              + "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n"));
    }

    /** Counts what reaches the sink and checks it is all 'a', without keeping it. */
    final class CountingSink implements java.util.function.Consumer<ByteBuffer> {
      long count;

      @Override
      public void accept(ByteBuffer data) {
        while (data.hasRemaining()) {
          if (data.get() != 'a') {
            throw new AssertionError("not an 'a' at " + count);
          }
          count++;
        }
      }
    }

    Map<String, String> decode(VerifiedRequest request, String trailer, byte[] body,
        int[] cuts) {
      CountingSink sink = new CountingSink();
      AwsChunkedDecoder decoder = AwsChunkedDecoder.forRequest(request, trailer, 66560, sink);
      int from = 0;
      for (int cut : cuts) {
        decoder.feed(ByteBuffer.wrap(body, from, cut - from));
        from = cut;
      }
      decoder.feed(ByteBuffer.wrap(body, from, body.length - from));
      Map<String, String> trailers = decoder.finish();
      assertEquals(66560, sink.count);
      assertEquals(66560, decoder.decodedLength());
      return trailers;
    }

    @Test
    void theDocumentedBodyHasTheDocumentedContentLength() {
      assertEquals(66824, chunkedBody().length);
    }

    @Test
    void signedExampleDecodesWithEveryPieceSize() {
      VerifiedRequest request = chunkedRequest();
      byte[] body = chunkedBody();
      for (int size = 1; size <= 600; size++) {
        CountingSink sink = new CountingSink();
        AwsChunkedDecoder decoder = AwsChunkedDecoder.forRequest(request, null, 66560, sink);
        feed(decoder, body, size);
        assertEquals(Map.of(), decoder.finish(), "piece size " + size);
        assertEquals(66560, sink.count, "piece size " + size);
      }
      for (int size : new int[] {1021, 4096, 8191, 65535, 65536, 65623, 65624, 66823, 66824}) {
        CountingSink sink = new CountingSink();
        AwsChunkedDecoder decoder = AwsChunkedDecoder.forRequest(request, null, 66560, sink);
        feed(decoder, body, size);
        decoder.finish();
        assertEquals(66560, sink.count, "piece size " + size);
      }
    }

    @Test
    void signedExampleDecodesWhenCutAnywhereNearTheFraming() {
      VerifiedRequest request = chunkedRequest();
      byte[] body = chunkedBody();
      for (int cut = 0; cut <= body.length; cut++) {
        boolean nearFraming = cut < 100 || Math.abs(cut - 65624) < 100 || cut > 66560 + 88;
        if (nearFraming) {
          assertEquals(Map.of(), decode(request, null, body, new int[] {cut}), "cut " + cut);
        }
      }
    }

    VerifiedRequest trailerRequest() {
      // The request of the trailing-header example; its documented seed signature is reproduced
      // with these signed headers (Content-Length is not signed there).
      return verify(PayloadHashes.STREAMING_AWS4_HMAC_SHA256_PAYLOAD_TRAILER,
          "106e2a8a18243abcf37539882f36619c00e2dfc72633413f02d3b74544bfeb8e",
          "content-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;"
              + "x-amz-storage-class;x-amz-trailer",
          SignableRequest.builder("PUT").rawPath("/examplebucket/chunkObject.txt")
              .header("Host", "s3.amazonaws.com")
              .header("Content-Encoding", "aws-chunked")
              .header("x-amz-decoded-content-length", "66560")
              .header("x-amz-storage-class", "REDUCED_REDUNDANCY")
              .header("x-amz-trailer", "x-amz-checksum-crc32c"));
    }

    byte[] trailerBody(String end) {
      return concat(
          ascii("10000;chunk-signature="
              + "b474d8862b1487a5145d686f57f013e54db672cee1c953b3010fb58501ef5aa2\r\n"),
          a(65536), ascii("\r\n"),
          ascii("400;chunk-signature="
              + "1c1344b170168f8e65b41376b44b20fe354e373826ccbbe2c1d40a8cae51e5c7\r\n"),
          a(1024), ascii("\r\n"),
          ascii("0;chunk-signature="
              + "2ca2aba2005185cf7159c6277faf83795951dd77a3a99e6e65d5c9f85863f992\r\n"),
          ascii("x-amz-checksum-crc32c:sOO8/Q==\r\n"),
          ascii("x-amz-trailer-signature:"
              + "d81f82fc3505edab99d459891051a732e8730629a2e4a59689829ca17fe2e435" + end));
    }

    @Test
    void signedTrailerExampleDecodesAndItsChecksumVerifies() {
      VerifiedRequest request = trailerRequest();
      for (String end : new String[] {"\r\n\r\n", "\r\n", ""}) {
        byte[] body = trailerBody(end);
        for (int size : new int[] {1, 2, 3, 7, 100, 4096, body.length}) {
          Map<String, String> trailers = decode(request, "x-amz-checksum-crc32c", body,
              cutsEvery(body.length, size));
          assertEquals(Map.of("x-amz-checksum-crc32c", "sOO8/Q=="), trailers);
        }
      }
      PayloadExpectations claims = PayloadExpectations.builder()
          .trailer("x-amz-checksum-crc32c").build();
      PayloadDigests digests = PayloadDigests.of(claims);
      AwsChunkedDecoder decoder = AwsChunkedDecoder.forRequest(request, "x-amz-checksum-crc32c",
          66560, digests::update);
      decoder.feed(ByteBuffer.wrap(trailerBody("\r\n\r\n")));
      digests.finishAndVerify(decoder.finish());
    }

    @Test
    void aChangedTrailerValueBreaksTheTrailerSignature() {
      byte[] body = trailerBody("\r\n\r\n");
      String text = new String(body, StandardCharsets.ISO_8859_1)
          .replace("sOO8/Q==", "sOO8/Q=A");
      assertEquals(IntegrityFailure.SIGNATURE_DOES_NOT_MATCH, failureOf(() -> decode(
          trailerRequest(), "x-amz-checksum-crc32c", ascii(text), new int[0])));
    }

    int[] cutsEvery(int length, int size) {
      int[] cuts = new int[Math.max(0, (length - 1) / size)];
      for (int i = 0; i < cuts.length; i++) {
        cuts[i] = (i + 1) * size;
      }
      return cuts;
    }
  }

  // ------------------------------------------------------------------ unsigned (botocore)

  @Nested
  class Unsigned {

    /** Exactly what botocore 1.43.11's AwsChunkedWrapper wrote (chunk_size=25, CRC32). */
    final byte[] botocore = ascii("19\r\nHello from botocore! Hell\r\n19\r\no from botocore! "
        + "Hello fr\r\nd\r\nom botocore! \r\n0\r\nx-amz-checksum-crc32:OUQHsQ==\r\n\r\n");
    final byte[] botocoreData = ascii("Hello from botocore! ".repeat(3));

    @Test
    void botocoreBodyDecodesInAnyPieces() {
      assertEquals("OUQHsQ==", crc32(botocoreData));
      for (int size = 1; size <= botocore.length; size++) {
        ChunkedBodies.Collector sink = new ChunkedBodies.Collector();
        AwsChunkedDecoder decoder = AwsChunkedDecoder.unsigned(List.of(CRC32),
            botocoreData.length, sink);
        feed(decoder, botocore, size);
        assertEquals(Map.of(CRC32, "OUQHsQ=="), decoder.finish());
        assertArrayEquals(botocoreData, sink.toByteArray());
      }
    }

    @Test
    void botocoreEmptyBody() {
      AwsChunkedDecoder decoder = AwsChunkedDecoder.unsigned(List.of(CRC32), 0,
          data -> {
            throw new AssertionError("no data expected");
          });
      decoder.feed(ByteBuffer.wrap(ascii("0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n")));
      assertEquals(Map.of(CRC32, "AAAAAA=="), decoder.finish());
    }

    @Test
    void handBuiltBodyWithCrc32TrailerVerifiesEndToEnd() {
      Random random = new Random(11);
      byte[] data = new byte[200_000];
      random.nextBytes(data);
      byte[] body = encodeUnsigned(List.of(Arrays.copyOfRange(data, 0, 65536),
          Arrays.copyOfRange(data, 65536, 131072), Arrays.copyOfRange(data, 131072, data.length)),
          Map.of(CRC32, crc32(data)));
      PayloadExpectations claims = PayloadExpectations.fromHeaders(PayloadDigestsTest.headers(
          "x-amz-content-sha256", PayloadHashes.STREAMING_UNSIGNED_PAYLOAD_TRAILER,
          "x-amz-sdk-checksum-algorithm", "CRC32", "x-amz-trailer", CRC32));
      for (int round = 0; round < 50; round++) {
        PayloadDigests digests = PayloadDigests.of(claims);
        AwsChunkedDecoder decoder = AwsChunkedDecoder.unsigned(claims.trailerNames(),
            data.length, digests::update);
        int off = 0;
        while (off < body.length) {
          int n = Math.min(body.length - off, 1 + random.nextInt(round < 10 ? 8 : 40_000));
          decoder.feed(ByteBuffer.wrap(body, off, n));
          off += n;
        }
        PayloadDigests.Result result = digests.finishAndVerify(decoder.finish());
        assertEquals(data.length, result.length());
      }
      // the same body with a wrong trailing CRC decodes, and the digest check refuses it
      byte[] lying = encodeUnsigned(List.of(data), Map.of(CRC32, crc32(new byte[1])));
      PayloadDigests digests = PayloadDigests.of(claims);
      AwsChunkedDecoder decoder = AwsChunkedDecoder.unsigned(claims.trailerNames(), data.length,
          digests::update);
      decoder.feed(ByteBuffer.wrap(lying));
      Map<String, String> trailers = decoder.finish();
      assertEquals(IntegrityFailure.CHECKSUM_MISMATCH,
          failureOf(() -> digests.finishAndVerify(trailers)));
    }

    /** Variations seen across clients and hand-written tools, accepted as S3 accepts them. */
    @Test
    void clientVariationsAreAccepted() {
      String crc = crc32(ascii("hello"));
      String[] bodies = {
          "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:" + crc + "\r\n\r\n",
          "5\nhello\n0\nx-amz-checksum-crc32:" + crc + "\n\n",                 // bare LF
          "5\r\nhello\r\n0\r\nX-Amz-Checksum-CRC32 :  " + crc + "  \r\n\r\n", // case, spaces
          "5;foo=bar;baz\r\nhello\r\n0;x=\"y\"\r\nx-amz-checksum-crc32:" + crc + "\r\n\r\n",
          "0005 \r\nhello\r\n00\r\nx-amz-checksum-crc32:" + crc + "\r\n\r\n",   // zeros, space
          "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:" + crc + "\r\n",           // no final line
          "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:" + crc,                    // nor CRLF
          "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:" + crc + "\r\nx-amz-trailer-signature:"
              + "0".repeat(64) + "\r\n\r\n",                                  // unsigned: ignored
          "5\r\nhello\r\n0\r\nx-amz-checksum-crc32:" + crc + "\r\n\r\n\r\n",  // extra CRLF
      };
      for (String body : bodies) {
        ChunkedBodies.Collector sink = new ChunkedBodies.Collector();
        AwsChunkedDecoder decoder = AwsChunkedDecoder.unsigned(
            AwsChunkedDecoder.parseTrailerNames(" X-Amz-Checksum-CRC32 "), 5, sink);
        feed(decoder, ascii(body), 1);
        assertEquals(Map.of(CRC32, crc), decoder.finish(), body);
        assertEquals("hello", sink.bytes.toString(StandardCharsets.US_ASCII));
      }
      AwsChunkedDecoder noLength = AwsChunkedDecoder.unsigned(List.of(), -1, data -> { });
      noLength.feed(ByteBuffer.wrap(ascii("3\r\nabc\r\n0\r\n\r\n")));
      assertEquals(Map.of(), noLength.finish());
      assertEquals(3, noLength.decodedLength());
    }

    @Test
    void framingErrors() {
      Supplier<AwsChunkedDecoder> decoder =
          () -> AwsChunkedDecoder.unsigned(List.of(CRC32), 5, data -> { });
      String trailer = "x-amz-checksum-crc32:" + crc32(ascii("hello")) + "\r\n\r\n";
      // missing final chunk, or body cut in data / header
      assertEquals(IntegrityFailure.INCOMPLETE_BODY, failureOf(decoder, ascii("5\r\nhello\r\n")));
      assertEquals(IntegrityFailure.INCOMPLETE_BODY, failureOf(decoder, ascii("5\r\nhel")));
      assertEquals(IntegrityFailure.INCOMPLETE_BODY, failureOf(decoder, ascii("5\r\nhello\r\n0")));
      assertEquals(IntegrityFailure.INCOMPLETE_BODY, failureOf(decoder, ascii("")));
      // truncated / missing / unannounced / duplicate / malformed trailers
      assertEquals(IntegrityFailure.MALFORMED_TRAILER,
          failureOf(decoder, ascii("5\r\nhello\r\n0\r\n")));
      assertEquals(IntegrityFailure.MALFORMED_TRAILER,
          failureOf(decoder, ascii("5\r\nhello\r\n0\r\n\r\n")));
      assertEquals(IntegrityFailure.MALFORMED_TRAILER,
          failureOf(decoder, ascii("5\r\nhello\r\n0\r\nx-amz-checksum-cr")));
      assertEquals(IntegrityFailure.MALFORMED_TRAILER, failureOf(decoder,
          ascii("5\r\nhello\r\n0\r\nx-amz-checksum-crc32c:AAAAAA==\r\n" + trailer)));
      assertEquals(IntegrityFailure.MALFORMED_TRAILER, failureOf(decoder,
          ascii("5\r\nhello\r\n0\r\n" + trailer.replace("\r\n\r\n", "\r\n") + trailer)));
      assertEquals(IntegrityFailure.MALFORMED_TRAILER,
          failureOf(decoder, ascii("5\r\nhello\r\n0\r\n: no name\r\n\r\n")));
      // sizes and CRLFs
      assertEquals(IntegrityFailure.MALFORMED_CHUNK,
          failureOf(decoder, ascii("5\r\nhello!\r\n0\r\n" + trailer)));
      assertEquals(IntegrityFailure.MALFORMED_CHUNK,
          failureOf(decoder, ascii("5\r\nhello\r0\r\n" + trailer)));
      assertEquals(IntegrityFailure.MALFORMED_CHUNK, failureOf(decoder, ascii("x5\r\nhello\r\n")));
      assertEquals(IntegrityFailure.MALFORMED_CHUNK, failureOf(decoder, ascii("-5\r\nhello\r\n")));
      assertEquals(IntegrityFailure.MALFORMED_CHUNK, failureOf(decoder, ascii("\r\n5\r\nhello")));
      assertEquals(IntegrityFailure.MALFORMED_CHUNK,
          failureOf(decoder, ascii("fffffffffffffffff\r\n")));
      assertEquals(IntegrityFailure.MALFORMED_CHUNK,
          failureOf(decoder, ascii("5\r\nhello\r\n0\r\n" + trailer + "junk")));
    }

    @Test
    void decodedLengthMismatches() {
      String crc = crc32(ascii("hello"));
      byte[] body = ascii("5\r\nhello\r\n0\r\nx-amz-checksum-crc32:" + crc + "\r\n\r\n");
      // declared shorter: refused as soon as the chunk header says more
      AwsChunkedDecoder shorter = AwsChunkedDecoder.unsigned(List.of(CRC32), 4, data -> {
        throw new AssertionError("no data may pass");
      });
      assertEquals(IntegrityFailure.INCOMPLETE_BODY,
          failureOf(() -> shorter.feed(ByteBuffer.wrap(body))));
      // declared longer: refused at the final chunk
      AwsChunkedDecoder longer = AwsChunkedDecoder.unsigned(List.of(CRC32), 6, data -> { });
      assertEquals(IntegrityFailure.INCOMPLETE_BODY,
          failureOf(() -> longer.feed(ByteBuffer.wrap(body))));
      assertEquals(IntegrityFailure.INVALID_DECODED_CONTENT_LENGTH,
          failureOf(() -> AwsChunkedDecoder.parseDecodedContentLength("-1")));
      assertEquals(IntegrityFailure.INVALID_DECODED_CONTENT_LENGTH,
          failureOf(() -> AwsChunkedDecoder.parseDecodedContentLength("12a")));
      assertEquals(-1, AwsChunkedDecoder.parseDecodedContentLength(null));
      assertEquals(66560, AwsChunkedDecoder.parseDecodedContentLength(" 66560 "));
    }

    @Test
    void oversizeLinesFailWithoutBufferingThem() {
      byte[] longHeader = new byte[1 << 20];
      Arrays.fill(longHeader, (byte) '0');
      AwsChunkedDecoder header = AwsChunkedDecoder.unsigned(List.of(), -1, data -> { });
      assertEquals(IntegrityFailure.MALFORMED_CHUNK,
          failureOf(() -> header.feed(ByteBuffer.wrap(longHeader))));
      // exactly at the limit is fine
      AwsChunkedDecoder limit = AwsChunkedDecoder.unsigned(List.of(), 1, data -> { });
      limit.feed(ByteBuffer.wrap(ascii("1;" + "x".repeat(AwsChunkedDecoder.MAX_LINE - 3)
          + "\r\na\r\n0\r\n\r\n")));
      limit.finish();
      AwsChunkedDecoder trailer = AwsChunkedDecoder.unsigned(List.of(CRC32), 0, data -> { });
      assertEquals(IntegrityFailure.MALFORMED_TRAILER, failureOf(() -> trailer.feed(
          ByteBuffer.wrap(ascii("0\r\nx-amz-checksum-crc32:" + "A".repeat(5000) + "\r\n")))));
    }

    @Test
    void aFailureIsSticky() {
      AwsChunkedDecoder decoder = AwsChunkedDecoder.unsigned(List.of(), -1, data -> { });
      assertEquals(IntegrityFailure.MALFORMED_CHUNK,
          failureOf(() -> decoder.feed(ByteBuffer.wrap(ascii("zz\r\n")))));
      assertEquals(IntegrityFailure.MALFORMED_CHUNK,
          failureOf(() -> decoder.feed(ByteBuffer.wrap(ascii("0\r\n\r\n")))));
      assertEquals(IntegrityFailure.MALFORMED_CHUNK, failureOf(decoder::finish));
    }
  }

  // ------------------------------------------------------------------ signed (our own signer)

  @Nested
  class Signed {
    final List<byte[]> chunks = List.of(ascii("first chunk "), ascii("second"), a(3000));
    final byte[] data = concat(chunks.toArray(new byte[0][]));

    ChunkedBodies.Signed upload(boolean withTrailer) {
      return ChunkedBodies.sign(withTrailer
          ? PayloadHashes.STREAMING_AWS4_HMAC_SHA256_PAYLOAD_TRAILER
          : PayloadHashes.STREAMING_AWS4_HMAC_SHA256_PAYLOAD,
          withTrailer ? CRC32 : null, data.length);
    }

    Supplier<AwsChunkedDecoder> decoder(ChunkedBodies.Signed upload, boolean withTrailer) {
      return () -> AwsChunkedDecoder.forRequest(upload.verified(), withTrailer ? CRC32 : null,
          data.length, bytes -> { });
    }

    @Test
    void signedWithAndWithoutTrailerDecodeInAnyPieces() {
      for (boolean withTrailer : new boolean[] {false, true}) {
        ChunkedBodies.Signed upload = upload(withTrailer);
        byte[] body = encodeSigned(upload.client(), chunks,
            withTrailer ? Map.of(CRC32, crc32(data)) : null);
        for (int size = 1; size <= 200; size++) {
          ChunkedBodies.Collector sink = new ChunkedBodies.Collector();
          AwsChunkedDecoder decoder = AwsChunkedDecoder.forRequest(upload.verified(),
              withTrailer ? CRC32 : null, data.length, sink);
          feed(decoder, body, size);
          assertEquals(withTrailer ? Map.of(CRC32, crc32(data)) : Map.of(), decoder.finish());
          assertArrayEquals(data, sink.toByteArray());
          assertTrue(decoder.isComplete());
        }
      }
    }

    @Test
    void tamperingIsDetected() {
      for (boolean withTrailer : new boolean[] {false, true}) {
        ChunkedBodies.Signed upload = upload(withTrailer);
        Map<String, String> trailers = withTrailer ? Map.of(CRC32, crc32(data)) : null;
        String body = new String(encodeSigned(upload.client(), chunks, trailers),
            StandardCharsets.ISO_8859_1);
        Supplier<AwsChunkedDecoder> decoder = decoder(upload, withTrailer);

        // data changed in flight
        assertEquals(IntegrityFailure.SIGNATURE_DOES_NOT_MATCH,
            failureOf(decoder, ascii(body.replace("second", "secOnd"))));
        // a chunk signature changed
        int sig = body.indexOf("chunk-signature=") + 16;
        char c = body.charAt(sig) == '0' ? '1' : '0';
        assertEquals(IntegrityFailure.SIGNATURE_DOES_NOT_MATCH, failureOf(decoder,
            ascii(body.substring(0, sig) + c + body.substring(sig + 1))));
        // a chunk signature that is not even hex
        assertEquals(IntegrityFailure.SIGNATURE_DOES_NOT_MATCH, failureOf(decoder,
            ascii(body.substring(0, sig) + "zz" + body.substring(sig + 2))));
        // no chunk-signature at all
        assertEquals(IntegrityFailure.MALFORMED_CHUNK, failureOf(decoder,
            ascii(body.replaceFirst(";chunk-signature=[0-9a-f]{64}", ""))));
        // the final chunk's signature replaced by the one of a data chunk
        String firstSig = body.substring(sig, sig + 64);
        assertEquals(IntegrityFailure.SIGNATURE_DOES_NOT_MATCH, failureOf(decoder, ascii(
            body.replaceFirst("0;chunk-signature=[0-9a-f]{64}", "0;chunk-signature=" + firstSig))));
        // missing final chunk
        int last = body.indexOf("0;chunk-signature=", body.indexOf("a".repeat(3000)));
        assertEquals(IntegrityFailure.INCOMPLETE_BODY,
            failureOf(decoder, ascii(body.substring(0, last))));
        // chunks reordered (each with its own signature)
        String[] frames = body.substring(0, last).split("(?<=\r\n)(?=[0-9a-f]+;chunk-signature)");
        assertEquals(3, frames.length);
        assertEquals(IntegrityFailure.SIGNATURE_DOES_NOT_MATCH, failureOf(decoder,
            ascii(frames[1] + frames[0] + frames[2] + body.substring(last))));
        // a chunk dropped
        assertEquals(IntegrityFailure.SIGNATURE_DOES_NOT_MATCH, failureOf(
            () -> AwsChunkedDecoder.forRequest(upload.verified(), withTrailer ? CRC32 : null,
                -1, bytes -> { }).feed(ByteBuffer.wrap(ascii(frames[0] + frames[2])))));
      }
    }

    @Test
    void trailerTamperingIsDetected() {
      ChunkedBodies.Signed upload = upload(true);
      String crc = crc32(data);
      String body = new String(encodeSigned(upload.client(), chunks, Map.of(CRC32, crc)),
          StandardCharsets.ISO_8859_1);
      Supplier<AwsChunkedDecoder> decoder = decoder(upload, true);
      int tsig = body.indexOf("x-amz-trailer-signature:") + 24;

      // the trailer value changed (e.g. to match tampered data): the trailer signature fails
      assertEquals(IntegrityFailure.SIGNATURE_DOES_NOT_MATCH,
          failureOf(decoder, ascii(body.replace(crc, crc32(ascii("other"))))));
      // the trailer signature changed
      char c = body.charAt(tsig) == '0' ? '1' : '0';
      assertEquals(IntegrityFailure.SIGNATURE_DOES_NOT_MATCH, failureOf(decoder,
          ascii(body.substring(0, tsig) + c + body.substring(tsig + 1))));
      // truncated inside the trailer signature
      assertEquals(IntegrityFailure.SIGNATURE_DOES_NOT_MATCH,
          failureOf(decoder, ascii(body.substring(0, tsig + 30))));
      // truncated before the trailer signature, or the signature stripped
      assertEquals(IntegrityFailure.MALFORMED_TRAILER,
          failureOf(decoder, ascii(body.substring(0, tsig - 24))));
      assertEquals(IntegrityFailure.MALFORMED_TRAILER, failureOf(decoder,
          ascii(body.substring(0, tsig - 24) + "\r\n")));
      // truncated inside the trailer name
      assertEquals(IntegrityFailure.MALFORMED_TRAILER,
          failureOf(decoder, ascii(body.substring(0, body.indexOf(CRC32) + 8))));
      // a trailer after the signature
      assertEquals(IntegrityFailure.MALFORMED_TRAILER, failureOf(decoder,
          ascii(body.substring(0, body.length() - 2) + CRC32 + ":" + crc + "\r\n\r\n")));
    }

    @Test
    void noTrailerIsAllowedWithoutTheTrailerMarker() {
      ChunkedBodies.Signed upload = upload(false);
      // a trailer section appended to a STREAMING-AWS4-HMAC-SHA256-PAYLOAD body
      String body = new String(encodeSigned(upload.client(), chunks, null),
          StandardCharsets.ISO_8859_1);
      String withTrailer = body.substring(0, body.length() - 2) + CRC32 + ":AAAAAA==\r\n\r\n";
      assertEquals(IntegrityFailure.MALFORMED_TRAILER,
          failureOf(decoder(upload, false), ascii(withTrailer)));
      assertEquals(IntegrityFailure.MALFORMED_TRAILER, failureOf(() -> AwsChunkedDecoder
          .forRequest(upload.verified(), CRC32, data.length, bytes -> { })));
    }

    @Test
    void unsupportedOrNonStreamingModes() {
      ChunkedBodies.Signed sigv4a = ChunkedBodies.sign(
          "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD", null, 1);
      assertEquals(IntegrityFailure.UNSUPPORTED_STREAMING_MODE, failureOf(() -> AwsChunkedDecoder
          .forRequest(sigv4a.verified(), null, 1, bytes -> { })));
      ChunkedBodies.Signed plain = ChunkedBodies.sign(PayloadHashes.UNSIGNED_PAYLOAD, null, 1);
      assertThrows(IllegalArgumentException.class,
          () -> AwsChunkedDecoder.forRequest(plain.verified(), null, 1, bytes -> { }));
    }
  }
}
