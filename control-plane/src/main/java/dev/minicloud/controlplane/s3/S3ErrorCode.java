package dev.minicloud.controlplane.s3;

import dev.minicloud.common.error.ErrorCode;

/**
 * S3's error codes, HTTP statuses and default messages, as AWS documents them ("Error responses"
 * in the S3 API reference). The S3 edge raises only these.
 */
public enum S3ErrorCode implements ErrorCode {
  ACCESS_DENIED("AccessDenied", 403, "Access Denied"),
  AUTHORIZATION_HEADER_MALFORMED("AuthorizationHeaderMalformed", 400,
      "The authorization header is malformed."),
  AUTHORIZATION_QUERY_PARAMETERS_ERROR("AuthorizationQueryParametersError", 400,
      "Error parsing the X-Amz-Credential parameter."),
  BAD_DIGEST("BadDigest", 400, "The Content-MD5 or checksum you specified did not match what we received."),
  BUCKET_ALREADY_EXISTS("BucketAlreadyExists", 409,
      "The requested bucket name is not available. The bucket namespace is shared by all users of the system."
          + " Please select a different name and try again."),
  BUCKET_ALREADY_OWNED_BY_YOU("BucketAlreadyOwnedByYou", 409,
      "Your previous request to create the named bucket succeeded and you already own it."),
  BUCKET_NOT_EMPTY("BucketNotEmpty", 409, "The bucket you tried to delete is not empty"),
  ENTITY_TOO_LARGE("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed object size."),
  ENTITY_TOO_SMALL("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size."),
  INCOMPLETE_BODY("IncompleteBody", 400,
      "You did not provide the number of bytes specified by the Content-Length HTTP header."),
  INTERNAL_ERROR("InternalError", 500, "We encountered an internal error. Please try again."),
  INVALID_ACCESS_KEY_ID("InvalidAccessKeyId", 403,
      "The AWS Access Key Id you provided does not exist in our records."),
  INVALID_ARGUMENT("InvalidArgument", 400, "Invalid Argument"),
  INVALID_BUCKET_NAME("InvalidBucketName", 400, "The specified bucket is not valid."),
  INVALID_DIGEST("InvalidDigest", 400, "The Content-MD5 you specified is not valid."),
  INVALID_PART("InvalidPart", 400,
      "One or more of the specified parts could not be found. The part might not have been uploaded,"
          + " or the specified entity tag might not have matched the part's entity tag."),
  INVALID_PART_ORDER("InvalidPartOrder", 400,
      "The list of parts was not in ascending order. The parts list must be specified in order by part number."),
  INVALID_PART_NUMBER("InvalidPartNumber", 416, "The requested partnumber is not satisfiable"),
  INVALID_RANGE("InvalidRange", 416, "The requested range is not satisfiable"),
  INVALID_OBJECT_STATE("InvalidObjectState", 403, "The operation is not valid for the object's storage class"),
  INVALID_STORAGE_CLASS("InvalidStorageClass", 400, "The storage class you specified is not valid"),
  INVALID_REQUEST("InvalidRequest", 400, "Invalid Request"),
  INVALID_URI("InvalidURI", 400, "Couldn't parse the specified URI."),
  INVALID_TAG("InvalidTag", 400, "The tag provided was not a valid tag."),
  NO_SUCH_TAG_SET("NoSuchTagSet", 404, "The TagSet does not exist"),
  KEY_TOO_LONG("KeyTooLongError", 400, "Your key is too long"),
  MALFORMED_XML("MalformedXML", 400,
      "The XML you provided was not well-formed or did not validate against our published schema"),
  MALFORMED_ACL("MalformedACLError", 400,
      "The XML you provided was not well-formed or did not validate against our published schema"),
  MALFORMED_POLICY("MalformedPolicy", 400, "Policies must be valid JSON and the first byte must be '{'"),
  MALFORMED_TRAILER("MalformedTrailerError", 400,
      "The request contained trailing data that was not well-formed or did not conform to our published schema."),
  MAX_MESSAGE_LENGTH_EXCEEDED("MaxMessageLengthExceeded", 400, "Your request was too big."),
  METADATA_TOO_LARGE("MetadataTooLarge", 400, "Your metadata headers exceed the maximum allowed metadata size."),
  METHOD_NOT_ALLOWED("MethodNotAllowed", 405, "The specified method is not allowed against this resource."),
  MISSING_CONTENT_LENGTH("MissingContentLength", 411, "You must provide the Content-Length HTTP header."),
  NO_SUCH_BUCKET("NoSuchBucket", 404, "The specified bucket does not exist"),
  NO_SUCH_CORS_CONFIGURATION("NoSuchCORSConfiguration", 404, "The CORS configuration does not exist"),
  NO_SUCH_LIFECYCLE_CONFIGURATION("NoSuchLifecycleConfiguration", 404, "The lifecycle configuration does not exist"),
  NO_SUCH_WEBSITE_CONFIGURATION("NoSuchWebsiteConfiguration", 404,
      "The specified bucket does not have a website configuration"),
  REPLICATION_CONFIGURATION_NOT_FOUND("ReplicationConfigurationNotFoundError", 404,
      "The replication configuration was not found"),
  OBJECT_LOCK_CONFIGURATION_NOT_FOUND("ObjectLockConfigurationNotFoundError", 404,
      "Object Lock configuration does not exist for this bucket"),
  NO_SUCH_PUBLIC_ACCESS_BLOCK_CONFIGURATION("NoSuchPublicAccessBlockConfiguration", 404,
      "The public access block configuration was not found"),
  OWNERSHIP_CONTROLS_NOT_FOUND("OwnershipControlsNotFoundError", 404, "The bucket ownership controls were not found"),
  NO_SUCH_BUCKET_POLICY("NoSuchBucketPolicy", 404, "The bucket policy does not exist"),
  NO_SUCH_KEY("NoSuchKey", 404, "The specified key does not exist."),
  NO_SUCH_UPLOAD("NoSuchUpload", 404,
      "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted"
          + " or completed."),
  NOT_IMPLEMENTED("NotImplemented", 501, "A header you provided implies functionality that is not implemented"),
  PRECONDITION_FAILED("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold"),
  REQUEST_TIME_TOO_SKEWED("RequestTimeTooSkewed", 403,
      "The difference between the request time and the current time is too large."),
  SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403,
      "The request signature we calculated does not match the signature you provided. Check your key and"
          + " signing method."),
  SERVICE_UNAVAILABLE("ServiceUnavailable", 503, "Please reduce your request rate."),
  SERVER_SIDE_ENCRYPTION_CONFIGURATION_NOT_FOUND("ServerSideEncryptionConfigurationNotFoundError", 404,
      "The server side encryption configuration was not found"),
  X_AMZ_CONTENT_SHA256_MISMATCH("XAmzContentSHA256Mismatch", 400,
      "The provided 'x-amz-content-sha256' header does not match what was computed.");

  private final String code;
  private final int httpStatus;
  private final String defaultMessage;

  S3ErrorCode(String code, int httpStatus, String defaultMessage) {
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
}
