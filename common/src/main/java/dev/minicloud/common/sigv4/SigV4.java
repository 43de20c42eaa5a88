package dev.minicloud.common.sigv4;

import java.nio.charset.StandardCharsets;

/**
 * The fixed names of SigV4 and its last two steps: the string to sign and the signature over it
 * with a key derived from the secret.
 */
public final class SigV4 {

  /** The only algorithm supported (SigV4a and SigV2 are refused). */
  public static final String ALGORITHM = "AWS4-HMAC-SHA256";

  public static final String AUTHORIZATION = "authorization";
  public static final String X_AMZ_DATE = "x-amz-date";
  public static final String X_AMZ_CONTENT_SHA256 = "x-amz-content-sha256";
  public static final String HOST = "host";
  public static final String DATE = "date";

  public static final String X_AMZ_ALGORITHM = "X-Amz-Algorithm";
  public static final String X_AMZ_CREDENTIAL = "X-Amz-Credential";
  public static final String X_AMZ_DATE_PARAM = "X-Amz-Date";
  public static final String X_AMZ_EXPIRES = "X-Amz-Expires";
  public static final String X_AMZ_SIGNED_HEADERS = "X-Amz-SignedHeaders";
  public static final String X_AMZ_SIGNATURE = "X-Amz-Signature";
  public static final String X_AMZ_CONTENT_SHA256_PARAM = "X-Amz-Content-Sha256";

  private SigV4() {}

  /**
   * Derives the signing key: HMAC chain over the scope date, region, service and {@code
   * aws4_request}, starting from {@code "AWS4" + secret}. The key is valid for that scope only, so
   * the server can hand it to the aws-chunked decoder without exposing the secret.
   */
  public static byte[] signingKey(String secretKey, CredentialScope scope) {
    byte[] kSecret = ("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8);
    byte[] kDate = Hashes.hmacSha256(kSecret, scope.date());
    byte[] kRegion = Hashes.hmacSha256(kDate, scope.region());
    byte[] kService = Hashes.hmacSha256(kRegion, scope.service());
    return Hashes.hmacSha256(kService, CredentialScope.TERMINATOR);
  }

  /** {@code AWS4-HMAC-SHA256\n<amzDate>\n<scope>\n<sha256(canonical request)>}. */
  public static String stringToSign(
      String amzDate, CredentialScope scope, CanonicalRequest canonicalRequest) {
    return ALGORITHM + '\n' + amzDate + '\n' + scope.format() + '\n' + canonicalRequest.sha256Hex();
  }

  /** Lower-case hex HMAC-SHA256 of {@code stringToSign} under {@code signingKey}. */
  public static String signature(byte[] signingKey, String stringToSign) {
    return Hashes.hex(Hashes.hmacSha256(signingKey, stringToSign));
  }
}
