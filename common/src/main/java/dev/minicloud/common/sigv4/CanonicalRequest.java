package dev.minicloud.common.sigv4;

import java.util.List;
import java.util.Objects;

/**
 * The canonical request of SigV4: method, canonical URI, canonical query, canonical headers,
 * signed-header list and payload hash, one per line. Its SHA-256 is what the string to sign
 * commits to.
 *
 * <p>Kept as a value so that a signature mismatch can be diagnosed by comparing the server's
 * canonical request with the client's (it holds no secret).
 */
public final class CanonicalRequest {

  private final String text;

  private CanonicalRequest(String text) {
    this.text = text;
  }

  /**
   * The canonical request of {@code request}.
   *
   * @param signedHeaders lower-case header names in the order they are signed (sorted)
   * @param payloadHash the body's SHA-256 hex or one of the {@link PayloadHashes} markers
   * @param presigned true to leave {@code X-Amz-Signature} out of the canonical query
   */
  public static CanonicalRequest of(
      SignableRequest request,
      CanonicalizationProfile profile,
      List<String> signedHeaders,
      String payloadHash,
      boolean presigned) {
    Objects.requireNonNull(payloadHash, "payloadHash");
    String text = request.method() + '\n'
        + CanonicalUri.of(request.rawPath(), profile) + '\n'
        + CanonicalQuery.of(request.rawQuery(), presigned ? SigV4.X_AMZ_SIGNATURE : null) + '\n'
        + CanonicalHeaders.of(request.headers(), signedHeaders) + '\n'
        + String.join(";", signedHeaders) + '\n'
        + payloadHash;
    return new CanonicalRequest(text);
  }

  /** The canonical request text. */
  public String text() {
    return text;
  }

  /** Lower-case hex SHA-256 of {@link #text()}: the last line of the string to sign. */
  public String sha256Hex() {
    return Hashes.sha256Hex(text);
  }

  @Override
  public String toString() {
    return text;
  }
}
