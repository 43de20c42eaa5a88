package dev.minicloud.storagenode.blob;

import dev.minicloud.common.error.ApiException;
import java.util.regex.Pattern;

/**
 * Blob ids: chosen at random by the control plane, never derived from object keys. The alphabet
 * has no '.', '/' or '\', so an id that passes {@link #requireValid} is always one plain file name.
 */
public final class BlobIds {

  /** The shape of a blob id. */
  public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9_-]{8,128}");

  private BlobIds() {}

  public static boolean isValid(String blobId) {
    return blobId != null && PATTERN.matcher(blobId).matches();
  }

  /** @throws ApiException {@code 400 InvalidBlobId} */
  public static String requireValid(String blobId) {
    if (!isValid(blobId)) {
      throw new ApiException(BlobErrorCode.INVALID_BLOB_ID);
    }
    return blobId;
  }
}
