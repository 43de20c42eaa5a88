package dev.minicloud.controlplane.storage.integrity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The checksum of a multipart object, from its parts' checksums (never from the bytes: completion
 * does not read the parts again).
 *
 * <ul>
 *   <li>COMPOSITE (S3's default for CRC32, CRC32C, SHA1, SHA256): the algorithm applied to the
 *       concatenation of the parts' raw checksums, written {@code <base64>-<part count>}.
 *   <li>FULL_OBJECT (CRC32, CRC32C, CRC64NVME; the only type of CRC64NVME): the CRC of all the
 *       object's bytes, combined from the parts' CRCs and lengths, written as a plain value.
 * </ul>
 */
public final class CompositeChecksum {

  private CompositeChecksum() {}

  /** One part's raw checksum and length in bytes. */
  public record Part(byte[] checksum, long length) {
    public Part {
      Objects.requireNonNull(checksum);
      checksum = checksum.clone();
      if (length < 0) {
        throw new IllegalArgumentException("negative part length " + length);
      }
    }

    @Override
    public byte[] checksum() {
      return checksum.clone();
    }

    /** A part whose checksum arrives in its wire form (base64). */
    public static Part ofBase64(ChecksumAlgorithm algorithm, String base64, long length) {
      return new Part(algorithm.decode(base64), length);
    }
  }

  /** The raw COMPOSITE checksum: the algorithm over the concatenated raw part checksums. */
  public static byte[] compositeRaw(ChecksumAlgorithm algorithm, List<byte[]> partChecksums) {
    if (!algorithm.supportsComposite()) {
      throw new IllegalArgumentException(algorithm + " has no COMPOSITE checksum type");
    }
    RunningChecksum running = algorithm.newChecksum();
    for (byte[] part : partChecksums) {
      if (part.length != algorithm.digestLength()) {
        throw new IntegrityException(IntegrityFailure.INVALID_CHECKSUM,
            "Value for " + algorithm.headerName() + " of a part is invalid.");
      }
      running.update(part, 0, part.length);
    }
    return running.digest();
  }

  /** The COMPOSITE checksum as S3 writes it: {@code <base64>-<number of parts>}. */
  public static String composite(ChecksumAlgorithm algorithm, List<byte[]> partChecksums) {
    return algorithm.encode(compositeRaw(algorithm, partChecksums)) + "-" + partChecksums.size();
  }

  /** {@link #composite} from the parts' wire values (base64), validated. */
  public static String compositeOfBase64(ChecksumAlgorithm algorithm, List<String> partChecksums) {
    List<byte[]> raw = new ArrayList<>(partChecksums.size());
    for (String value : partChecksums) {
      raw.add(algorithm.decode(value));
    }
    return composite(algorithm, raw);
  }

  /** The raw FULL_OBJECT CRC: the CRC of the parts' bytes one after the other. */
  public static byte[] fullObjectRaw(ChecksumAlgorithm algorithm, List<Part> parts) {
    if (!algorithm.supportsFullObject()) {
      throw new IllegalArgumentException(algorithm + " has no FULL_OBJECT checksum type");
    }
    long crc = 0; // the CRC of no bytes, for these all-ones init/xorout CRCs
    for (Part part : parts) {
      byte[] raw = part.checksum;
      if (raw.length != algorithm.digestLength()) {
        throw new IntegrityException(IntegrityFailure.INVALID_CHECKSUM,
            "Value for " + algorithm.headerName() + " of a part is invalid.");
      }
      crc = CrcCombine.combine(algorithm, crc, ChecksumAlgorithm.bytesToLong(raw), part.length);
    }
    return ChecksumAlgorithm.longToBytes(crc, algorithm.digestLength());
  }

  /** The FULL_OBJECT checksum in its wire form (plain base64, no part count). */
  public static String fullObject(ChecksumAlgorithm algorithm, List<Part> parts) {
    return algorithm.encode(fullObjectRaw(algorithm, parts));
  }
}
