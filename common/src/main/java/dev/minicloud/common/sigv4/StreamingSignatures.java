package dev.minicloud.common.sigv4;

/**
 * Signatures of an aws-chunked body ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}). Each
 * chunk's signature covers its data and the previous signature, starting from the request's seed
 * signature, so chunks cannot be dropped, reordered or replaced. The final zero-length chunk is
 * signed like any other; a trailer, when present, is signed last.
 *
 * <p>Stateless functions; {@link ChunkSignatureChain} keeps the previous signature for you.
 */
public final class StreamingSignatures {

  /** First line of a chunk's string to sign. */
  public static final String CHUNK_ALGORITHM = "AWS4-HMAC-SHA256-PAYLOAD";

  /** First line of the trailer's string to sign. */
  public static final String TRAILER_ALGORITHM = "AWS4-HMAC-SHA256-TRAILER";

  private StreamingSignatures() {}

  /**
   * {@code AWS4-HMAC-SHA256-PAYLOAD\n<amzDate>\n<scope>\n<previous>\n<sha256("")>\n<chunkHash>}.
   * The empty-string hash stands for the chunk's (always empty) headers.
   */
  public static String chunkStringToSign(
      String amzDate, CredentialScope scope, String previousSignature, String chunkSha256Hex) {
    return CHUNK_ALGORITHM + '\n' + amzDate + '\n' + scope.format() + '\n' + previousSignature
        + '\n' + PayloadHashes.EMPTY_SHA256 + '\n' + chunkSha256Hex;
  }

  /**
   * The signature of a chunk whose data hashes to {@code chunkSha256Hex} (the server hashes while
   * streaming and never holds the chunk).
   */
  public static String chunkSignature(
      byte[] signingKey,
      String amzDate,
      CredentialScope scope,
      String previousSignature,
      String chunkSha256Hex) {
    return SigV4.signature(signingKey,
        chunkStringToSign(amzDate, scope, previousSignature, chunkSha256Hex));
  }

  /** The signature of a chunk whose data is {@code chunkData}. */
  public static String chunkSignature(
      byte[] signingKey,
      String amzDate,
      CredentialScope scope,
      String previousSignature,
      byte[] chunkData) {
    return chunkSignature(signingKey, amzDate, scope, previousSignature,
        Hashes.sha256Hex(chunkData));
  }

  /** {@code AWS4-HMAC-SHA256-TRAILER\n<amzDate>\n<scope>\n<previous>\n<sha256(trailers)>}. */
  public static String trailerStringToSign(
      String amzDate, CredentialScope scope, String previousSignature, String canonicalTrailers) {
    return TRAILER_ALGORITHM + '\n' + amzDate + '\n' + scope.format() + '\n' + previousSignature
        + '\n' + Hashes.sha256Hex(canonicalTrailers);
  }

  /**
   * The signature of the trailer.
   *
   * @param previousSignature the signature of the final (zero-length) chunk
   * @param canonicalTrailers the trailing headers except x-amz-trailer-signature, each as {@code
   *     name:value\n} with the name lower-cased, e.g. {@code "x-amz-checksum-crc32c:sOO8/Q==\n"}
   */
  public static String trailerSignature(
      byte[] signingKey,
      String amzDate,
      CredentialScope scope,
      String previousSignature,
      String canonicalTrailers) {
    return SigV4.signature(signingKey,
        trailerStringToSign(amzDate, scope, previousSignature, canonicalTrailers));
  }
}
