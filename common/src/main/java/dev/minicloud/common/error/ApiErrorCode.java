package dev.minicloud.common.error;

/**
 * Errors of MiniCloud's JSON APIs ({@code /compute/v1}, {@code /iam/v1}, {@code /billing/v1},
 * {@code /audit/v1}, {@code /admin/v1}) and of the SDK that calls them. Written on the wire as
 * {@code {"error":{"code":"...","message":"...","requestId":"..."}}}.
 *
 * <p>Codes follow AWS's names where AWS has one, so people and tools recognise them.
 */
public enum ApiErrorCode implements ErrorCode {
  // Authentication (SigV4)
  MISSING_AUTHENTICATION_TOKEN("MissingAuthenticationToken", 403, "Request is missing Authentication Token."),
  INCOMPLETE_SIGNATURE("IncompleteSignature", 400, "The request signature does not conform to AWS standards."),
  INVALID_ACCESS_KEY_ID("InvalidAccessKeyId", 403, "The access key ID you provided does not exist in our records."),
  SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403,
      "The request signature we calculated does not match the signature you provided."),
  REQUEST_TIME_TOO_SKEWED("RequestTimeTooSkewed", 403,
      "The difference between the request time and the current time is too large."),
  REQUEST_EXPIRED("RequestExpired", 403, "Request has expired."),
  CONTENT_SHA256_MISMATCH("XAmzContentSHA256Mismatch", 400,
      "The provided 'x-amz-content-sha256' header does not match what was computed."),
  ACCESS_DENIED("AccessDenied", 403, "Access denied."),

  // Identity and access management (AWS IAM's names)
  NO_SUCH_ENTITY("NoSuchEntity", 404, "The request referenced an entity that does not exist."),
  ENTITY_ALREADY_EXISTS("EntityAlreadyExists", 409, "The request tried to create an entity that already exists."),
  LIMIT_EXCEEDED("LimitExceeded", 409, "The request would exceed a limit of the account."),
  MALFORMED_POLICY_DOCUMENT("MalformedPolicyDocument", 400, "The policy document is malformed."),
  DELETE_CONFLICT("DeleteConflict", 409, "The entity cannot be deleted while it still holds resources."),

  // Cluster-internal API
  INVALID_CLUSTER_TOKEN("InvalidClusterToken", 401, "Missing or wrong cluster token."),

  // Requests
  VALIDATION_ERROR("ValidationError", 400, "The request is not valid."),
  MALFORMED_JSON("MalformedJson", 400, "The request body is not valid JSON."),
  REQUEST_TOO_LARGE("RequestEntityTooLarge", 413, "The request body is too large."),
  NOT_FOUND("NotFound", 404, "The requested resource does not exist."),
  METHOD_NOT_ALLOWED("MethodNotAllowed", 405, "The method is not allowed for this resource."),
  NOT_IMPLEMENTED("NotImplemented", 501, "This operation is not implemented yet."),
  INVALID_PARAMETER_VALUE("InvalidParameterValue", 400, "A parameter has an invalid value."),
  MISSING_PARAMETER("MissingParameter", 400, "A required parameter is missing."),
  IDEMPOTENT_PARAMETER_MISMATCH("IdempotentParameterMismatch", 400,
      "The client token was already used with different parameters."),

  // Compute (EC2 names)
  INVALID_INSTANCE_ID_NOT_FOUND("InvalidInstanceID.NotFound", 404, "The instance ID does not exist."),
  INCORRECT_INSTANCE_STATE("IncorrectInstanceState", 409,
      "The instance is not in a state that allows this operation."),
  INSUFFICIENT_INSTANCE_CAPACITY("InsufficientInstanceCapacity", 503,
      "There is not enough capacity to fulfil the request."),
  INVALID_AMI_ID_NOT_FOUND("InvalidAMIID.NotFound", 404, "The image ID does not exist."),

  // Server side
  INTERNAL_ERROR("InternalError", 500, "We encountered an internal error. Please try again."),
  SERVICE_UNAVAILABLE("ServiceUnavailable", 503, "The service is not ready. Please try again.");

  private final String code;
  private final int httpStatus;
  private final String defaultMessage;

  ApiErrorCode(String code, int httpStatus, String defaultMessage) {
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

  /** Retriable errors are worth another try with backoff (the SDK's retry rule is this one test). */
  public boolean retriable() {
    return httpStatus >= 500 && this != NOT_IMPLEMENTED;
  }
}
