package dev.minicloud.common.sigv4;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link SigV4Signer#sign} produced: the headers to add to the request, and what an
 * aws-chunked upload needs to sign its chunks ({@link ChunkSignatureChain#of(SigningResult)}).
 */
public final class SigningResult {

  private final Map<String, String> headers;
  private final List<String> signedHeaders;
  private final String signature;
  private final CredentialScope scope;
  private final String amzDate;
  private final String payloadHash;
  private final byte[] signingKey;

  SigningResult(
      Map<String, String> headers,
      List<String> signedHeaders,
      String signature,
      CredentialScope scope,
      String amzDate,
      String payloadHash,
      byte[] signingKey) {
    this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    this.signedHeaders = List.copyOf(signedHeaders);
    this.signature = signature;
    this.scope = scope;
    this.amzDate = amzDate;
    this.payloadHash = payloadHash;
    this.signingKey = signingKey.clone();
  }

  /**
   * The headers to set on the request, names lower-case: {@code x-amz-date}, {@code
   * x-amz-content-sha256} (when the signer sends it) and {@code authorization}. They replace any
   * header of the same name.
   */
  public Map<String, String> headers() {
    return headers;
  }

  /** The value of the Authorization header. */
  public String authorization() {
    return headers.get(SigV4.AUTHORIZATION);
  }

  /** The signed header names, sorted. */
  public List<String> signedHeaders() {
    return signedHeaders;
  }

  /** The request signature, which is also the seed of an aws-chunked body. */
  public String signature() {
    return signature;
  }

  public CredentialScope scope() {
    return scope;
  }

  /** The x-amz-date value, used again in every chunk's string to sign. */
  public String amzDate() {
    return amzDate;
  }

  /** The payload hash that was signed. */
  public String payloadHash() {
    return payloadHash;
  }

  /** The derived signing key (a copy), for chunk signatures. */
  public byte[] signingKey() {
    return signingKey.clone();
  }

  @Override
  public String toString() {
    return "SigningResult[scope=" + scope.format() + ", amzDate=" + amzDate
        + ", signedHeaders=" + signedHeaders + "]";
  }
}
