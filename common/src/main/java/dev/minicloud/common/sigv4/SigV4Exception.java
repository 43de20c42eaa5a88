package dev.minicloud.common.sigv4;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A request failed SigV4 authentication. The {@link #failure()} says why; the message is safe to
 * return to the client (it never contains a secret or a signature).
 *
 * <p>For diagnosis the exception may also carry the access key id (not a secret; audit logs record
 * failed attempts by key), the request time (S3 reports it with RequestTimeTooSkewed) and, on a
 * signature mismatch, the server's canonical request and string to sign (S3 returns both so a
 * client author can see where their canonicalization differs). None of these appear in the message.
 */
public final class SigV4Exception extends RuntimeException {

  private final AuthFailure failure;
  private final String accessKeyId;
  private final Instant requestTime;
  private final String canonicalRequest;
  private final String stringToSign;

  public SigV4Exception(AuthFailure failure) {
    this(failure, failure.defaultMessage());
  }

  public SigV4Exception(AuthFailure failure, String message) {
    this(failure, message, null, null, null, null);
  }

  SigV4Exception(
      AuthFailure failure,
      String message,
      String accessKeyId,
      Instant requestTime,
      String canonicalRequest,
      String stringToSign) {
    super(message, null, false, false); // an expected outcome: no stack trace to fill
    this.failure = Objects.requireNonNull(failure, "failure");
    this.accessKeyId = accessKeyId;
    this.requestTime = requestTime;
    this.canonicalRequest = canonicalRequest;
    this.stringToSign = stringToSign;
  }

  public AuthFailure failure() {
    return failure;
  }

  /** The access key id the request claimed, when it got that far. */
  public Optional<String> accessKeyId() {
    return Optional.ofNullable(accessKeyId);
  }

  /** The time the request claims to have been signed, when it could be read. */
  public Optional<Instant> requestTime() {
    return Optional.ofNullable(requestTime);
  }

  /** On {@link AuthFailure#SIGNATURE_DOES_NOT_MATCH}: the canonical request the server computed. */
  public Optional<String> canonicalRequest() {
    return Optional.ofNullable(canonicalRequest);
  }

  /** On {@link AuthFailure#SIGNATURE_DOES_NOT_MATCH}: the string to sign the server computed. */
  public Optional<String> stringToSign() {
    return Optional.ofNullable(stringToSign);
  }
}
