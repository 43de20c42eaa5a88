package dev.minicloud.sdk;

/**
 * An error after which the same call may succeed: server errors (5xx), throttling
 * ({@code SlowDown}, HTTP 429/503) and connections that failed or were reset. Retry logic is one
 * {@code instanceof} test against this type.
 */
public class RetriableException extends MiniCloudException {

  private static final long serialVersionUID = 1L;

  public RetriableException(String code, int statusCode, String requestId, String message) {
    super(code, statusCode, requestId, message);
  }

  public RetriableException(String code, int statusCode, String requestId, String message, Throwable cause) {
    super(code, statusCode, requestId, message, cause);
  }

  @Override
  public boolean retriable() {
    return true;
  }
}
