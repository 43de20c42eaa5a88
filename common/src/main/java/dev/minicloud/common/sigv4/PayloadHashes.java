package dev.minicloud.common.sigv4;

/**
 * The values of {@code x-amz-content-sha256}: a SHA-256 hex of the body, or one of the markers
 * below that say how (or whether) the body is signed. They are also the last line of the canonical
 * request.
 */
public final class PayloadHashes {

  /** The body is not covered by the signature (presigned URLs, and HTTPS clients that opt out). */
  public static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

  /** aws-chunked body, each chunk signed, chained from the seed signature. */
  public static final String STREAMING_AWS4_HMAC_SHA256_PAYLOAD =
      "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";

  /** aws-chunked body with signed chunks and a signed trailer (trailing checksums). */
  public static final String STREAMING_AWS4_HMAC_SHA256_PAYLOAD_TRAILER =
      "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER";

  /** aws-chunked body with unsigned chunks and an unsigned trailer: what current AWS CLIs send. */
  public static final String STREAMING_UNSIGNED_PAYLOAD_TRAILER =
      "STREAMING-UNSIGNED-PAYLOAD-TRAILER";

  /** SHA-256 of the empty string: the payload hash of a request without a body. */
  public static final String EMPTY_SHA256 =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  /** Prefix shared by every streaming (aws-chunked) marker. */
  static final String STREAMING_PREFIX = "STREAMING-";

  private PayloadHashes() {}

  /** True for the streaming (aws-chunked) markers; the body must then be decoded chunk by chunk. */
  public static boolean isStreaming(String payloadHash) {
    return payloadHash != null && payloadHash.startsWith(STREAMING_PREFIX);
  }

  /** True when the chunks carry signatures that the server must check against the seed. */
  public static boolean hasChunkSignatures(String payloadHash) {
    return STREAMING_AWS4_HMAC_SHA256_PAYLOAD.equals(payloadHash)
        || STREAMING_AWS4_HMAC_SHA256_PAYLOAD_TRAILER.equals(payloadHash);
  }

  /**
   * True for a value a client may claim: a SHA-256 hex, {@link #UNSIGNED_PAYLOAD} or any streaming
   * marker (which streaming variants the server supports is decided where the body is read).
   */
  public static boolean isAcceptable(String payloadHash) {
    return UNSIGNED_PAYLOAD.equals(payloadHash)
        || isStreaming(payloadHash)
        || Hashes.isSha256Hex(payloadHash);
  }
}
