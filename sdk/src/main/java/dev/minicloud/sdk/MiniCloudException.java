package dev.minicloud.sdk;

/**
 * An error answered by MiniCloud (or a failure to reach it): the service's error code (S3's
 * {@code NoSuchKey}, the JSON APIs' {@code ValidationError}, ...), the HTTP status and the request
 * id to quote when reporting a problem.
 *
 * <p>Errors worth another try are {@link RetriableException}s; the client has already retried them
 * (idempotent calls only) by the time one reaches you.
 */
public class MiniCloudException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Code used when the request never got an answer (connection refused, reset, timeout). */
  public static final String CLIENT_ERROR = "ClientError";

  private final String code;
  private final int statusCode;
  private final String requestId;

  /**
   * @param code the service's error code
   * @param statusCode the HTTP status, 0 when no response was received
   * @param requestId the request id from the response, or null
   * @param message the service's message
   */
  public MiniCloudException(String code, int statusCode, String requestId, String message) {
    this(code, statusCode, requestId, message, null);
  }

  /** As {@link #MiniCloudException(String, int, String, String)}, with the underlying cause. */
  public MiniCloudException(String code, int statusCode, String requestId, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
    this.statusCode = statusCode;
    this.requestId = requestId;
  }

  /** The error code, e.g. {@code NoSuchBucket}; {@link #CLIENT_ERROR} when there was no response. */
  public String code() {
    return code;
  }

  /** The HTTP status, 0 when no response was received. */
  public int statusCode() {
    return statusCode;
  }

  /** The request id the server gave this call (null when unknown). */
  public String requestId() {
    return requestId;
  }

  /** True when another attempt might succeed. */
  public boolean retriable() {
    return false;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + ": " + code + " (HTTP " + statusCode
        + (requestId == null ? "" : ", request " + requestId) + "): " + getMessage();
  }
}
