package dev.minicloud.controlplane.storage.integrity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.checksums.DefaultChecksumAlgorithm;
import software.amazon.awssdk.checksums.SdkChecksum;

/** Known vectors, names and wire forms, and the AWS SDK's own implementations as an oracle. */
class ChecksumAlgorithmTest {

  private static final Map<ChecksumAlgorithm, software.amazon.awssdk.checksums.spi.ChecksumAlgorithm>
      SDK = Map.of(
          ChecksumAlgorithm.CRC32, DefaultChecksumAlgorithm.CRC32,
          ChecksumAlgorithm.CRC32C, DefaultChecksumAlgorithm.CRC32C,
          ChecksumAlgorithm.CRC64NVME, DefaultChecksumAlgorithm.CRC64NVME,
          ChecksumAlgorithm.SHA1, DefaultChecksumAlgorithm.SHA1,
          ChecksumAlgorithm.SHA256, DefaultChecksumAlgorithm.SHA256);

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * "123456789" is the CRC catalogue's check input (CRC-32 cbf43926, CRC-32C e3069283,
   * CRC-64/NVME ae8b14860a799888); the empty input gives 0 for these all-ones-init/xorout CRCs.
   */
  @ParameterizedTest(name = "{0}(\"{1}\")")
  @CsvSource({
      "CRC32,     '',        00000000",
      "CRC32,     123456789, cbf43926",
      "CRC32C,    '',        00000000",
      "CRC32C,    123456789, e3069283",
      "CRC64NVME, '',        0000000000000000",
      "CRC64NVME, 123456789, ae8b14860a799888",
      "SHA1,      '',        da39a3ee5e6b4b0d3255bfef95601890afd80709",
      "SHA1,      123456789, f7c3bc1d808e04732adf679965ccc34ca7ae3441",
      "SHA256,    '',        e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "SHA256,    123456789, 15e2b0d3c33891ebb0f1ef609ec419420c20e320ce94c65fbc8c3312448eb225",
  })
  void knownVectors(ChecksumAlgorithm algorithm, String input, String expectedHex) {
    byte[] data = input.getBytes(StandardCharsets.US_ASCII);
    assertEquals(expectedHex, hex(algorithm.checksum(data)));
    RunningChecksum running = algorithm.newChecksum();
    running.update(ByteBuffer.wrap(data));
    assertEquals(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(expectedHex)),
        running.base64());
  }

  /**
   * More CRC64NVME vectors: the AWS CRT's aws-checksums tests (32 zero bytes), SPDK's NVMe tests
   * (4096 bytes of 0x00 and of 0xFF, from the NVM Command Set Specification) and the
   * "Hello, World!\n" sample of robertgrimm/crc64nvme (base64 SoXXbx67KpE=).
   */
  @Test
  void crc64NvmePublishedVectors() {
    assertEquals(0xCF3473434D4ECF3BL, Crc64Nvme.of(new byte[32]));
    assertEquals(0x6482D367EB22B64EL, Crc64Nvme.of(new byte[4096]));
    byte[] ones = new byte[4096];
    Arrays.fill(ones, (byte) 0xFF);
    assertEquals(0xC0DDBA7302ECA3ACL, Crc64Nvme.of(ones));
    RunningChecksum hello = ChecksumAlgorithm.CRC64NVME.newChecksum();
    byte[] text = "Hello, World!\n".getBytes(StandardCharsets.US_ASCII);
    hello.update(text, 0, text.length);
    assertEquals("SoXXbx67KpE=", hello.base64());
  }

  /** AWS's trailing-checksum example: 66560 bytes of 'a' have x-amz-checksum-crc32c sOO8/Q==. */
  @Test
  void awsDocumentedCrc32cOfTheChunkedExample() {
    byte[] a = new byte[66560];
    Arrays.fill(a, (byte) 'a');
    assertEquals("sOO8/Q==", ChecksumAlgorithm.CRC32C.encode(ChecksumAlgorithm.CRC32C.checksum(a)));
  }

  @Test
  void namesAndLookups() {
    assertEquals("x-amz-checksum-crc32", ChecksumAlgorithm.CRC32.headerName());
    assertEquals("x-amz-checksum-crc32c", ChecksumAlgorithm.CRC32C.headerName());
    assertEquals("x-amz-checksum-crc64nvme", ChecksumAlgorithm.CRC64NVME.headerName());
    assertEquals("x-amz-checksum-sha1", ChecksumAlgorithm.SHA1.headerName());
    assertEquals("x-amz-checksum-sha256", ChecksumAlgorithm.SHA256.headerName());
    for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
      assertEquals(Optional.of(algorithm), ChecksumAlgorithm.fromHeaderName(algorithm.headerName()));
      assertEquals(Optional.of(algorithm),
          ChecksumAlgorithm.fromHeaderName(algorithm.headerName().toUpperCase()));
      assertEquals(Optional.of(algorithm),
          ChecksumAlgorithm.fromAlgorithmName(algorithm.algorithmName()));
      assertEquals(Optional.of(algorithm),
          ChecksumAlgorithm.fromAlgorithmName(algorithm.algorithmName().toLowerCase()));
      assertEquals(algorithm.name(), algorithm.algorithmName());
    }
    assertEquals(Optional.empty(), ChecksumAlgorithm.fromAlgorithmName("MD5"));
    assertEquals(Optional.empty(), ChecksumAlgorithm.fromAlgorithmName(null));
    assertEquals(Optional.empty(), ChecksumAlgorithm.fromHeaderName("x-amz-checksum-type"));
    assertEquals(Optional.empty(), ChecksumAlgorithm.fromHeaderName("x-amz-checksum-md5"));
    assertTrue(ChecksumAlgorithm.CRC64NVME.supportsFullObject());
    assertFalse(ChecksumAlgorithm.CRC64NVME.supportsComposite());
    assertFalse(ChecksumAlgorithm.SHA256.supportsFullObject());
    assertTrue(ChecksumAlgorithm.CRC32C.supportsComposite());
  }

  @ParameterizedTest
  @EnumSource(ChecksumAlgorithm.class)
  void wireValuesAreValidated(ChecksumAlgorithm algorithm) {
    byte[] raw = algorithm.checksum("x".getBytes(StandardCharsets.US_ASCII));
    String wire = algorithm.encode(raw);
    assertArrayEquals(raw, algorithm.decode(wire));
    assertArrayEquals(raw, algorithm.decode(" " + wire + " "));
    for (String bad : new String[] {"", "not base64!", Base64.getEncoder().encodeToString(
        Arrays.copyOf(raw, raw.length - 1)), Base64.getEncoder().encodeToString(
        Arrays.copyOf(raw, raw.length + 1))}) {
      IntegrityException e = assertThrows(IntegrityException.class, () -> algorithm.decode(bad));
      assertEquals(IntegrityFailure.INVALID_CHECKSUM, e.failure());
    }
    assertThrows(IllegalArgumentException.class, () -> algorithm.encode(new byte[3]));
  }

  /**
   * The SDK's checksums (software.amazon.awssdk:checksums; CRC64NVME through the AWS CRT) agree on
   * random data of random lengths, fed whole, in random pieces, as heap and as direct buffers.
   */
  @ParameterizedTest
  @EnumSource(ChecksumAlgorithm.class)
  void agreesWithTheAwsSdk(ChecksumAlgorithm algorithm) {
    Random random = new Random(0xC4EC ^ algorithm.ordinal());
    for (int round = 0; round < 200; round++) {
      int length = round < 40 ? round : random.nextInt(round < 150 ? 5_000 : 300_000);
      byte[] data = new byte[length];
      random.nextBytes(data);
      SdkChecksum sdk = SdkChecksum.forAlgorithm(SDK.get(algorithm));
      sdk.update(data, 0, data.length);
      byte[] expected = sdk.getChecksumBytes();

      assertArrayEquals(expected, algorithm.checksum(data), algorithm + " length " + length);

      RunningChecksum pieces = algorithm.newChecksum();
      ByteBuffer direct = ByteBuffer.allocateDirect(Math.max(1, length));
      direct.put(data).flip();
      int offset = 0;
      while (offset < length) {
        int n = 1 + random.nextInt(Math.min(length - offset, 1 + random.nextInt(20_000)));
        switch (random.nextInt(3)) {
          case 0 -> pieces.update(data, offset, n);
          case 1 -> pieces.update(ByteBuffer.wrap(data, offset, n).slice());
          default -> {
            ByteBuffer view = direct.duplicate();
            view.position(offset).limit(offset + n);
            pieces.update(view);
            assertEquals(offset + n, view.position());
          }
        }
        offset += n;
      }
      assertArrayEquals(expected, pieces.digest(), algorithm + " in pieces, length " + length);
    }
  }
}
