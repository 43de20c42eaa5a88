package dev.minicloud.controlplane.sts;

import dev.minicloud.common.error.ErrorCode;

/** Errors of the STS query API, with the codes AWS STS uses (so aws-cli prints familiar text). */
public enum StsErrorCode implements ErrorCode {
  MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 403, "Request is missing Authentication Token"),
  INCOMPLETE_SIGNATURE("IncompleteSignature", 400, "The request signature does not conform to AWS standards."),
  INVALID_CLIENT_TOKEN_ID("InvalidClientTokenId", 403, "The security token included in the request is invalid."),
  SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403,
      "The request signature we calculated does not match the signature you provided. Check your AWS Secret"
          + " Access Key and signing method. Consult the service documentation for details."),
  REQUEST_EXPIRED("RequestExpired", 403, "Request has expired."),
  INVALID_ACTION("InvalidAction", 400, "Could not find operation for this action."),
  MISSING_ACTION("MissingAction", 400, "Missing Action parameter."),
  ACCESS_DENIED("AccessDenied", 403, "Access denied."),
  REQUEST_TOO_LARGE("RequestEntityTooLarge", 413, "Request body too large."),
  INTERNAL_FAILURE("InternalFailure", 500, "An internal error occurred. Please try again.");

  private final String code;
  private final int httpStatus;
  private final String defaultMessage;

  StsErrorCode(String code, int httpStatus, String defaultMessage) {
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

  /** Sender (client) fault or Receiver (server) fault, as STS marks its errors. */
  public String faultType() {
    return httpStatus >= 500 ? "Receiver" : "Sender";
  }
}
