package dev.minicloud.common.sigv4;

/**
 * Why a request failed SigV4 authentication. The server maps each to its protocol's error (S3 XML,
 * STS, JSON) in one place; the default messages are safe to return to the client.
 */
public enum AuthFailure {
  /** Neither an Authorization header nor an X-Amz-Algorithm parameter: an anonymous request. */
  MISSING_AUTHENTICATION("Request is not signed"),
  /** The Authorization header cannot be parsed, or its credential scope is invalid. */
  AUTHORIZATION_HEADER_MALFORMED("The authorization header is malformed"),
  /** A presigned URL lacks a parameter or has an invalid one (e.g. X-Amz-Expires). */
  AUTHORIZATION_QUERY_PARAMETERS_ERROR("The presigned URL's authorization parameters are invalid"),
  /** Both an Authorization header and presigned query parameters were sent. */
  MULTIPLE_AUTH_MECHANISMS(
      "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter "
          + "or the Authorization header should be specified"),
  /** Not AWS4-HMAC-SHA256 (e.g. SigV2 or SigV4a). */
  UNSUPPORTED_ALGORITHM("Unsupported signing algorithm; only AWS4-HMAC-SHA256 is supported"),
  /** No usable x-amz-date or Date header. */
  MISSING_DATE("AWS authentication requires a valid Date or x-amz-date header"),
  /** The access key id is unknown (or inactive). */
  INVALID_ACCESS_KEY_ID("The access key ID you provided does not exist in our records"),
  /** The signature is wrong: wrong secret, or the request changed after signing. */
  SIGNATURE_DOES_NOT_MATCH(
      "The request signature we calculated does not match the signature you provided. "
          + "Check your key and signing method."),
  /** An x-amz-* header was sent but not signed, or host was not signed. */
  HEADERS_NOT_SIGNED("There were headers present in the request which were not signed"),
  /** x-amz-content-sha256 is neither a SHA-256 hex, UNSIGNED-PAYLOAD nor a STREAMING- marker. */
  INVALID_PAYLOAD_HASH(
      "x-amz-content-sha256 must be UNSIGNED-PAYLOAD, a STREAMING- value, or a SHA-256 hex value"),
  /** An S3 request signed in the header without x-amz-content-sha256. */
  MISSING_CONTENT_SHA256("Missing required header for this request: x-amz-content-sha256"),
  /** Header-signed request more than the allowed skew away from the server clock. */
  REQUEST_TIME_TOO_SKEWED(
      "The difference between the request time and the server's time is too large"),
  /** Presigned URL used after X-Amz-Date + X-Amz-Expires. */
  REQUEST_EXPIRED("Request has expired"),
  /** Presigned URL whose X-Amz-Date is further in the future than the allowed skew. */
  REQUEST_NOT_YET_VALID("Request is not valid yet");

  private final String defaultMessage;

  AuthFailure(String defaultMessage) {
    this.defaultMessage = defaultMessage;
  }

  /** A message safe to show the client: no secret, no signature. */
  public String defaultMessage() {
    return defaultMessage;
  }
}
