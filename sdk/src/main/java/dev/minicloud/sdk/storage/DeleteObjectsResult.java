package dev.minicloud.sdk.storage;

import java.util.List;

/**
 * The outcome of a batch delete.
 *
 * @param deleted keys deleted (or already absent)
 * @param errors keys that could not be deleted, with the service's code and message
 */
public record DeleteObjectsResult(List<String> deleted, List<Failure> errors) {

  /** One key that was not deleted. */
  public record Failure(String key, String code, String message) {}
}
