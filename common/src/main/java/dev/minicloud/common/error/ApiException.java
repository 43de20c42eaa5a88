package dev.minicloud.common.error;

import java.util.Objects;

/**
 * The one exception type that carries a public error out of a request handler. The protocol's
 * error renderer turns it into S3 XML, STS XML or our JSON error; nothing classifies errors by
 * message text.
 */
public class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient ErrorCode errorCode;

  public ApiException(ErrorCode errorCode) {
    this(errorCode, errorCode.defaultMessage());
  }

  public ApiException(ErrorCode errorCode, String message) {
    super(message, null, false, false); // no stack trace: these are expected outcomes, not bugs
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
  }

  public ApiException(ErrorCode errorCode, String message, Throwable cause) {
    super(message, cause);
    this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  public int httpStatus() {
    return errorCode.httpStatus();
  }
}
