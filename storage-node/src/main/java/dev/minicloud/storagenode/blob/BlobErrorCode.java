package dev.minicloud.storagenode.blob;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.error.ErrorCode;

/**
 * Errors of the blob API ({@code /internal/v1/blobs}), written as the JSON error body like every
 * other error of the node. The control plane translates them into S3 codes in its one place.
 */
public enum BlobErrorCode implements ErrorCode {
  INVALID_BLOB_ID("InvalidBlobId", 400, "A blob id is 8 to 128 characters of A-Z, a-z, 0-9, '_' and '-'."),
  NO_SUCH_BLOB("NoSuchBlob", 404, "The blob does not exist."),
  BLOB_EXISTS("BlobExists", 409, "A blob with this id exists or is being written."),
  INCOMPLETE_BODY("IncompleteBody", 400, "The body's size differs from the size the request announced."),
  INVALID_RANGE("InvalidRange", 416, "The requested range is not satisfiable.");

  private final String code;
  private final int httpStatus;
  private final String defaultMessage;

  BlobErrorCode(String code, int httpStatus, String defaultMessage) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.defaultMessage = defaultMessage;
  }

  @Override
  public String code() {
    return code;
  }

  @Override
  public int httpStatus() {
    return httpStatus;
  }

  @Override
  public String defaultMessage() {
    return defaultMessage;
  }

  /** {@code 404 NoSuchBlob} naming the blob: the one wording for every tier. */
  static ApiException noSuchBlob(String blobId) {
    return new ApiException(NO_SUCH_BLOB, "Blob " + blobId + " does not exist.");
  }

  /** {@code 409 BlobExists} naming the blob: the one wording for every tier. */
  static ApiException blobExists(String blobId) {
    return new ApiException(BLOB_EXISTS, "Blob " + blobId + " exists.");
  }
}
