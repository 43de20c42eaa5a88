package dev.minicloud.controlplane.storage.integrity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Claims read from headers, one-pass digests, and the typed failures of each mismatch. */
class PayloadDigestsTest {

  static final byte[] BODY = "The quick brown fox jumps over the lazy dog".getBytes(
      StandardCharsets.US_ASCII);
  /** Well-known digests of BODY. */
  static final String MD5_HEX = "9e107d9d372bb6826bd81d3542a419d6";
  static final String SHA256_HEX =
      "d7a8fbb307d7809469ca9abcb0082e4f8d5651e46d3cdb762d02d0bf37c9e592";

  static List<Map.Entry<String, String>> headers(String... nameValues) {
    List<Map.Entry<String, String>> list = new ArrayList<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      list.add(Map.entry(nameValues[i], nameValues[i + 1]));
    }
    return list;
  }

  static String md5Base64(byte[] data) throws Exception {
    return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
  }

  static PayloadDigests.Result digest(PayloadExpectations expectations, Map<String, String> trailers) {
    PayloadDigests digests = PayloadDigests.of(expectations);
    digests.update(BODY, 0, 10);
    digests.update(ByteBuffer.wrap(BODY, 10, BODY.length - 10));
    return digests.finishAndVerify(trailers);
  }

  static void assertFailure(IntegrityFailure expected, Executable executable) {
    assertEquals(expected, assertThrows(IntegrityException.class, executable).failure());
  }

  @Test
  void md5IsAlwaysComputedForTheEtag() {
    PayloadDigests.Result result = digest(PayloadExpectations.none(), Map.of());
    assertEquals(MD5_HEX, result.md5Hex());
    assertEquals(BODY.length, result.length());
    assertTrue(result.sha256().isEmpty());
    assertTrue(result.algorithms().isEmpty());
  }

  @Test
  void everyClaimThatHoldsPasses() throws Exception {
    String crc32 = ChecksumAlgorithm.CRC32.encode(ChecksumAlgorithm.CRC32.checksum(BODY));
    PayloadExpectations claims = PayloadExpectations.fromHeaders(headers(
        "Content-MD5", md5Base64(BODY),
        "X-Amz-Content-Sha256", SHA256_HEX.toUpperCase(),
        "x-amz-sdk-checksum-algorithm", "crc32",
        "X-Amz-Checksum-CRC32", crc32,
        "x-amz-checksum-mode", "ENABLED",
        "Content-Type", "text/plain"));
    PayloadDigests.Result result = digest(claims, Map.of());
    assertEquals(SHA256_HEX, result.sha256Hex().orElseThrow());
    assertEquals(crc32, result.checksumBase64(ChecksumAlgorithm.CRC32).orElseThrow());
    assertEquals(EnumSet.of(ChecksumAlgorithm.CRC32), result.algorithms());
    assertArrayEquals(ChecksumAlgorithm.CRC32.checksum(BODY),
        result.checksums().get(ChecksumAlgorithm.CRC32));
  }

  @Test
  void aTrailingChecksumIsCheckedFromTheTrailers() {
    PayloadExpectations claims = PayloadExpectations.fromHeaders(headers(
        "x-amz-content-sha256", "STREAMING-UNSIGNED-PAYLOAD-TRAILER",
        "x-amz-sdk-checksum-algorithm", "CRC64NVME",
        "x-amz-trailer", "x-amz-checksum-crc64nvme"));
    assertTrue(claims.checksumInTrailer());
    assertTrue(claims.contentSha256Hex().isEmpty(), "a streaming marker is not a hash");
    assertEquals(List.of("x-amz-checksum-crc64nvme"), claims.trailerNames());
    String good = ChecksumAlgorithm.CRC64NVME.encode(ChecksumAlgorithm.CRC64NVME.checksum(BODY));
    digest(claims, Map.of("x-amz-checksum-crc64nvme", good));

    assertFailure(IntegrityFailure.CHECKSUM_MISMATCH,
        () -> digest(claims, Map.of("x-amz-checksum-crc64nvme", "AAAAAAAAAAA=")));
    assertFailure(IntegrityFailure.INVALID_CHECKSUM,
        () -> digest(claims, Map.of("x-amz-checksum-crc64nvme", "AAAAAA==")));
    assertFailure(IntegrityFailure.MALFORMED_TRAILER, () -> digest(claims, Map.of()));
  }

  @Test
  void mismatchesHaveTheirOwnFailures() throws Exception {
    byte[] other = "something else".getBytes(StandardCharsets.US_ASCII);
    assertFailure(IntegrityFailure.BAD_DIGEST, () -> digest(
        PayloadExpectations.fromHeaders(headers("Content-MD5", md5Base64(other))), Map.of()));
    assertFailure(IntegrityFailure.CONTENT_SHA256_MISMATCH, () -> digest(
        PayloadExpectations.fromHeaders(headers("x-amz-content-sha256",
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(other)))),
        Map.of()));
    for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
      IntegrityException e = assertThrows(IntegrityException.class, () -> digest(
          PayloadExpectations.fromHeaders(headers(algorithm.headerName(),
              algorithm.encode(algorithm.checksum(other)))), Map.of()));
      assertEquals(IntegrityFailure.CHECKSUM_MISMATCH, e.failure());
      assertEquals("The " + algorithm.algorithmName()
          + " you specified did not match the calculated checksum.", e.getMessage());
    }
  }

  @Test
  void malformedOrContradictoryHeadersFailBeforeTheBody() {
    assertFailure(IntegrityFailure.INVALID_DIGEST,
        () -> PayloadExpectations.fromHeaders(headers("Content-MD5", "not-base64!")));
    assertFailure(IntegrityFailure.INVALID_DIGEST,
        () -> PayloadExpectations.fromHeaders(headers("Content-MD5", "AAAA")));
    assertFailure(IntegrityFailure.INVALID_CHECKSUM,
        () -> PayloadExpectations.fromHeaders(headers("x-amz-checksum-crc32", "AAAAAAAA")));
    assertFailure(IntegrityFailure.MULTIPLE_CHECKSUMS, () -> PayloadExpectations.fromHeaders(
        headers("x-amz-checksum-crc32", "AAAAAA==", "x-amz-checksum-crc32c", "AAAAAA==")));
    assertFailure(IntegrityFailure.MULTIPLE_CHECKSUMS, () -> PayloadExpectations.fromHeaders(
        headers("x-amz-checksum-crc32", "AAAAAA==", "x-amz-trailer", "x-amz-checksum-crc32c")));
    assertFailure(IntegrityFailure.UNSUPPORTED_CHECKSUM_ALGORITHM,
        () -> PayloadExpectations.fromHeaders(headers("x-amz-checksum-md5", "AAAAAA==")));
    assertFailure(IntegrityFailure.UNSUPPORTED_CHECKSUM_ALGORITHM,
        () -> PayloadExpectations.fromHeaders(headers("x-amz-trailer", "x-amz-checksum-crc16")));
    assertFailure(IntegrityFailure.UNSUPPORTED_CHECKSUM_ALGORITHM, () -> PayloadExpectations
        .fromHeaders(headers("x-amz-sdk-checksum-algorithm", "MD5")));
    assertFailure(IntegrityFailure.MISSING_CHECKSUM, () -> PayloadExpectations
        .fromHeaders(headers("x-amz-sdk-checksum-algorithm", "CRC32")));
    assertFailure(IntegrityFailure.CHECKSUM_ALGORITHM_MISMATCH, () -> PayloadExpectations
        .fromHeaders(headers("x-amz-sdk-checksum-algorithm", "CRC32C",
            "x-amz-checksum-crc32", "AAAAAA==")));
    // headers that share the prefix but carry no value are not checksums
    PayloadExpectations fine = PayloadExpectations.fromHeaders(headers(
        "x-amz-checksum-type", "FULL_OBJECT", "x-amz-checksum-algorithm", "CRC32",
        "x-amz-checksum-mode", "ENABLED"));
    assertTrue(fine.checksumAlgorithm().isEmpty());
  }

  @Test
  void extraAlgorithmsAndRandomPiecesAgreeWithOneShotChecksums() {
    Random random = new Random(3);
    byte[] data = new byte[1 << 20];
    random.nextBytes(data);
    PayloadDigests digests = PayloadDigests.of(PayloadExpectations.none(),
        EnumSet.allOf(ChecksumAlgorithm.class));
    ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
    int offset = 0;
    while (offset < data.length) {
      int n = Math.min(data.length - offset, 1 + random.nextInt(70_000));
      if (random.nextBoolean()) {
        digests.update(data, offset, n);
      } else {
        ByteBuffer piece = direct.duplicate();
        piece.position(offset).limit(offset + n);
        digests.update(piece);
        assertFalse(piece.hasRemaining());
      }
      offset += n;
    }
    assertEquals(data.length, digests.length());
    PayloadDigests.Result result = digests.finish();
    for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
      assertArrayEquals(algorithm.checksum(data), result.checksum(algorithm).orElseThrow());
    }
    assertThrows(IllegalStateException.class, () -> digests.update(new byte[1], 0, 1));
    assertThrows(IllegalStateException.class, digests::finish);
  }
}
