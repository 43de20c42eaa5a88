package dev.minicloud.controlplane.storage.integrity;

import java.nio.ByteBuffer;
import java.util.Base64;

/**
 * A checksum being computed over a stream, piece by piece. Not thread-safe. {@link #digest()} ends
 * the computation; the object must not be updated afterwards.
 */
public interface RunningChecksum {

  /** Adds {@code len} bytes of {@code bytes} from {@code off}. */
  void update(byte[] bytes, int off, int len);

  /** Adds the remaining bytes of {@code buffer}; its position ends at its limit. */
  void update(ByteBuffer buffer);

  /** The raw checksum (CRCs as big-endian bytes, as S3 puts them in base64). */
  byte[] digest();

  /** {@link #digest()} in base64: the x-amz-checksum-* wire form. */
  default String base64() {
    return Base64.getEncoder().encodeToString(digest());
  }
}
