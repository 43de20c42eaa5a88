package dev.minicloud.controlplane.s3.xml;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of DeleteObjects ({@code POST /bucket?delete}).
 *
 * @param deleted the keys deleted (or found absent, which S3 also reports as deleted)
 * @param errors the keys that could not be deleted
 * @param quiet the request's {@code Quiet}: when true, {@code Deleted} entries are not written
 */
public record DeleteResult(List<Deleted> deleted, List<Failure> errors, boolean quiet) {

  public DeleteResult {
    deleted = List.copyOf(deleted);
    errors = List.copyOf(errors);
  }

  /**
   * A {@code Deleted} entry.
   *
   * @param key the key, as requested
   * @param versionId the version ID, when the request named one
   * @param deleteMarker whether a delete marker was created or deleted (written only when true)
   * @param deleteMarkerVersionId the delete marker's version ID, when there is one
   */
  public record Deleted(
      String key, Optional<String> versionId, boolean deleteMarker, Optional<String> deleteMarkerVersionId) {

    public Deleted {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(versionId, "versionId");
      Objects.requireNonNull(deleteMarkerVersionId, "deleteMarkerVersionId");
    }

    /** A key of an unversioned bucket. */
    public Deleted(String key, Optional<String> versionId) {
      this(key, versionId, false, Optional.empty());
    }
  }

  /**
   * An {@code Error} entry.
   *
   * @param key the key, as requested
   * @param versionId the version ID, when the request named one
   * @param code the S3 error code, e.g. {@code AccessDenied}
   * @param message the error message
   */
  public record Failure(String key, Optional<String> versionId, String code, String message) {
    public Failure {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(versionId, "versionId");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }
}
