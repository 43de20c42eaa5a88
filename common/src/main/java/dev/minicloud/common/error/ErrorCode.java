package dev.minicloud.common.error;

/**
 * A public error: a stable code string, the HTTP status it travels with and a default message.
 *
 * <p>Each protocol has exactly one enum implementing this ({@link ApiErrorCode} for the JSON APIs
 * and the SDK; the S3 and STS edges keep theirs next to their codecs), so a code is defined once
 * and a unit test can check each enum's invariants.
 */
public interface ErrorCode {

  /** The code as clients see it, e.g. {@code NoSuchBucket} or {@code InvalidInstanceID.NotFound}. */
  String code();

  int httpStatus();

  String defaultMessage();
}
