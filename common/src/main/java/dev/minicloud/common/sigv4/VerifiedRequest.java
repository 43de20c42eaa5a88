package dev.minicloud.common.sigv4;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a successful {@link SigV4Verifier#verify}: who signed, for which scope, when, and
 * what the seed signature and signing key are (an aws-chunked body is verified chunk by chunk
 * later, with {@link ChunkSignatureChain#of(VerifiedRequest)}).
 *
 * <p>The signing key is specific to one day, region and service; it is still a credential, so
 * {@link #toString()} leaves it and the signature out.
 */
public final class VerifiedRequest {

  private final String accessKeyId;
  private final CredentialScope scope;
  private final Instant requestTime;
  private final String amzDate;
  private final List<String> signedHeaders;
  private final String payloadHash;
  private final boolean presigned;
  private final String seedSignature;
  private final byte[] signingKey;
  private final Instant expiresAt;

  VerifiedRequest(
      String accessKeyId,
      CredentialScope scope,
      Instant requestTime,
      String amzDate,
      List<String> signedHeaders,
      String payloadHash,
      boolean presigned,
      String seedSignature,
      byte[] signingKey,
      Instant expiresAt) {
    this.accessKeyId = Objects.requireNonNull(accessKeyId);
    this.scope = Objects.requireNonNull(scope);
    this.requestTime = Objects.requireNonNull(requestTime);
    this.amzDate = Objects.requireNonNull(amzDate);
    this.signedHeaders = List.copyOf(signedHeaders);
    this.payloadHash = Objects.requireNonNull(payloadHash);
    this.presigned = presigned;
    this.seedSignature = Objects.requireNonNull(seedSignature);
    this.signingKey = signingKey.clone();
    this.expiresAt = expiresAt;
  }

  public String accessKeyId() {
    return accessKeyId;
  }

  /** The credential scope the request was signed for. */
  public CredentialScope scope() {
    return scope;
  }

  /** The scope date, {@code yyyyMMdd}. */
  public String date() {
    return scope.date();
  }

  /** The region the client signed for (any value is accepted). */
  public String region() {
    return scope.region();
  }

  /** The service the client signed for: {@code s3}, {@code sts}, {@code compute}, ... */
  public String service() {
    return scope.service();
  }

  /** When the client says it signed (x-amz-date, Date, or X-Amz-Date). */
  public Instant requestTime() {
    return requestTime;
  }

  /** {@link #requestTime()} as {@code yyyyMMdd'T'HHmmss'Z'}: the timestamp chunk signatures use. */
  public String amzDate() {
    return amzDate;
  }

  /** The signed header names, lower-case, as the client listed them. */
  public List<String> signedHeaders() {
    return signedHeaders;
  }

  /**
   * The payload hash the signature covers, as claimed: a SHA-256 hex (not yet checked against the
   * body), {@link PayloadHashes#UNSIGNED_PAYLOAD} or a streaming marker.
   */
  public String payloadHash() {
    return payloadHash;
  }

  /** True when authenticated by presigned query parameters rather than the header. */
  public boolean presigned() {
    return presigned;
  }

  /** The request's signature: the "previous signature" of the first aws-chunked chunk. */
  public String seedSignature() {
    return seedSignature;
  }

  /** The derived signing key (a copy), needed to verify chunk and trailer signatures. */
  public byte[] signingKey() {
    return signingKey.clone();
  }

  /** For a presigned request, the instant after which it is refused. */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  @Override
  public String toString() {
    return "VerifiedRequest[accessKeyId=" + accessKeyId + ", scope=" + scope.format()
        + ", requestTime=" + requestTime + ", presigned=" + presigned
        + ", payloadHash=" + payloadHash + "]";
  }
}
