package dev.minicloud.common.sigv4;

import java.util.Objects;

/**
 * Walks the signature chain of one aws-chunked body: each call computes the next expected
 * signature from the previous one. The server uses {@link #verifyNext} per chunk; the SDK uses
 * {@link #next} to sign the chunks it sends.
 *
 * <p>Not thread-safe: a body is read (or written) by one thread at a time, in order.
 */
public final class ChunkSignatureChain {

  private final byte[] signingKey;
  private final String amzDate;
  private final CredentialScope scope;
  private String previous;

  private ChunkSignatureChain(
      byte[] signingKey, String amzDate, CredentialScope scope, String seedSignature) {
    this.signingKey = signingKey;
    this.amzDate = Objects.requireNonNull(amzDate);
    this.scope = Objects.requireNonNull(scope);
    this.previous = Objects.requireNonNull(seedSignature);
  }

  /** The chain of a verified request's body, seeded with its signature. */
  public static ChunkSignatureChain of(VerifiedRequest request) {
    return new ChunkSignatureChain(request.signingKey(), request.amzDate(), request.scope(),
        request.seedSignature());
  }

  /** The chain of a body the SDK is about to send, seeded with the request's signature. */
  public static ChunkSignatureChain of(SigningResult signed) {
    return new ChunkSignatureChain(signed.signingKey(), signed.amzDate(), signed.scope(),
        signed.signature());
  }

  /** Signs the next chunk (its data hashes to {@code chunkSha256Hex}) and advances. */
  public String next(String chunkSha256Hex) {
    previous = StreamingSignatures.chunkSignature(
        signingKey, amzDate, scope, previous, chunkSha256Hex);
    return previous;
  }

  /**
   * Checks the next chunk's claimed signature in constant time; on success the chain advances, on
   * failure it stays where it was (the caller aborts the upload anyway).
   */
  public boolean verifyNext(String chunkSha256Hex, String claimedSignature) {
    String expected = StreamingSignatures.chunkSignature(
        signingKey, amzDate, scope, previous, chunkSha256Hex);
    if (!Hashes.constantTimeEquals(expected, claimedSignature)) {
      return false;
    }
    previous = expected;
    return true;
  }

  /** The trailer's signature, chained from the last chunk (the zero-length one). */
  public String trailer(String canonicalTrailers) {
    return StreamingSignatures.trailerSignature(
        signingKey, amzDate, scope, previous, canonicalTrailers);
  }

  /** Checks the trailer's claimed signature in constant time. */
  public boolean verifyTrailer(String canonicalTrailers, String claimedSignature) {
    return Hashes.constantTimeEquals(trailer(canonicalTrailers), claimedSignature);
  }

  /** The last signature in the chain (the seed before any chunk). */
  public String previousSignature() {
    return previous;
  }
}
