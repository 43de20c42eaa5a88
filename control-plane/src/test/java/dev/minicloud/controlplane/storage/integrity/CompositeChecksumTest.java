package dev.minicloud.controlplane.storage.integrity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Multipart checksums: COMPOSITE (checksum of checksums, "-N") and FULL_OBJECT (CRC combine). */
class CompositeChecksumTest {

  @ParameterizedTest
  @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
  void combineEqualsTheCrcOfTheConcatenation(ChecksumAlgorithm algorithm) {
    Random random = new Random(0xC0DE + algorithm.ordinal());
    for (int round = 0; round < 300; round++) {
      byte[] a = new byte[round < 20 ? round : random.nextInt(10_000)];
      byte[] b = new byte[round < 20 ? 19 - round : random.nextInt(round < 250 ? 10_000 : 2_000_000)];
      random.nextBytes(a);
      random.nextBytes(b);
      byte[] both = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, both, a.length, b.length);
      assertArrayEquals(algorithm.checksum(both), CrcCombine.combine(algorithm,
          algorithm.checksum(a), algorithm.checksum(b), b.length), algorithm + " " + a.length
          + "+" + b.length);
    }
  }

  /** Lengths far beyond what a test can hash: combining with zeros agrees both ways round. */
  @ParameterizedTest
  @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
  void combineIsAssociativeForHugeLengths(ChecksumAlgorithm algorithm) {
    Random random = new Random(7);
    long zero = 0; // CRC of no bytes
    for (int i = 0; i < 50; i++) {
      long crcA = random.nextLong() >>> (64 - algorithm.crcWidth());
      long crcB = random.nextLong() >>> (64 - algorithm.crcWidth());
      long crcC = random.nextLong() >>> (64 - algorithm.crcWidth());
      long lenB = random.nextLong() >>> 20;
      long lenC = random.nextLong() >>> 20;
      long left = CrcCombine.combine(algorithm,
          CrcCombine.combine(algorithm, crcA, crcB, lenB), crcC, lenC);
      long bc = CrcCombine.combine(algorithm, crcB, crcC, lenC);
      long right = CrcCombine.combine(algorithm, crcA, bc, lenB + lenC);
      assertEquals(left, right);
      assertEquals(crcA, CrcCombine.combine(algorithm, crcA, zero, 0));
      assertEquals(crcB, CrcCombine.combine(algorithm, zero, crcB, lenB));
    }
  }

  @ParameterizedTest
  @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "CRC64NVME"})
  void fullObjectOfPartsEqualsTheChecksumOfTheWholeObject(ChecksumAlgorithm algorithm) {
    Random random = new Random(99 + algorithm.ordinal());
    for (int round = 0; round < 20; round++) {
      int count = 1 + random.nextInt(12);
      ByteArrayOutputStream whole = new ByteArrayOutputStream();
      List<CompositeChecksum.Part> parts = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        byte[] part = new byte[random.nextInt(4) == 0 ? 0 : random.nextInt(300_000)];
        random.nextBytes(part);
        whole.writeBytes(part);
        String wire = algorithm.encode(algorithm.checksum(part));
        parts.add(CompositeChecksum.Part.ofBase64(algorithm, wire, part.length));
      }
      assertEquals(algorithm.encode(algorithm.checksum(whole.toByteArray())),
          CompositeChecksum.fullObject(algorithm, parts));
    }
    assertEquals(algorithm.encode(algorithm.checksum(new byte[0])),
        CompositeChecksum.fullObject(algorithm, List.of()));
  }

  @ParameterizedTest
  @EnumSource(value = ChecksumAlgorithm.class, names = {"CRC32", "CRC32C", "SHA1", "SHA256"})
  void compositeIsTheChecksumOfTheConcatenatedPartChecksumsWithThePartCount(
      ChecksumAlgorithm algorithm) {
    Random random = new Random(5);
    List<byte[]> partChecksums = new ArrayList<>();
    List<String> wire = new ArrayList<>();
    ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
    for (int i = 0; i < 3; i++) {
      byte[] part = new byte[1000 + random.nextInt(1000)];
      random.nextBytes(part);
      byte[] checksum = algorithm.checksum(part);
      partChecksums.add(checksum);
      wire.add(algorithm.encode(checksum));
      concatenated.writeBytes(checksum);
    }
    String expected = algorithm.encode(algorithm.checksum(concatenated.toByteArray())) + "-3";
    assertEquals(expected, CompositeChecksum.composite(algorithm, partChecksums));
    assertEquals(expected, CompositeChecksum.compositeOfBase64(algorithm, wire));
    assertTrue(expected.endsWith("-3"));
  }

  /** A worked example: two parts "hello " and "world", composite CRC32 computed by hand. */
  @Test
  void compositeWorkedExample() {
    ChecksumAlgorithm crc32 = ChecksumAlgorithm.CRC32;
    byte[] p1 = crc32.checksum("hello ".getBytes());
    byte[] p2 = crc32.checksum("world".getBytes());
    java.util.zip.CRC32 direct = new java.util.zip.CRC32();
    direct.update(p1);
    direct.update(p2);
    String expected = java.util.Base64.getEncoder().encodeToString(
        ChecksumAlgorithm.longToBytes(direct.getValue(), 4)) + "-2";
    assertEquals(expected, CompositeChecksum.composite(crc32, List.of(p1, p2)));
    // and the full-object form is the CRC of "hello world"
    assertEquals(crc32.encode(crc32.checksum("hello world".getBytes())),
        CompositeChecksum.fullObject(crc32, List.of(new CompositeChecksum.Part(p1, 6),
            new CompositeChecksum.Part(p2, 5))));
  }

  @Test
  void invalidCombinationsAndValuesAreRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> CompositeChecksum.composite(ChecksumAlgorithm.CRC64NVME, List.of(new byte[8])));
    assertThrows(IllegalArgumentException.class,
        () -> CompositeChecksum.fullObject(ChecksumAlgorithm.SHA256, List.of()));
    assertEquals(IntegrityFailure.INVALID_CHECKSUM, assertThrows(IntegrityException.class,
        () -> CompositeChecksum.compositeOfBase64(ChecksumAlgorithm.CRC32, List.of("AAAA")))
        .failure());
    assertEquals(IntegrityFailure.INVALID_CHECKSUM, assertThrows(IntegrityException.class,
        () -> CompositeChecksum.composite(ChecksumAlgorithm.SHA1, List.of(new byte[4])))
        .failure());
    assertThrows(IllegalArgumentException.class,
        () -> new CompositeChecksum.Part(new byte[4], -1));
  }
}
