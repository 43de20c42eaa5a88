package dev.minicloud.common.sigv4;

/**
 * How the path of a request becomes the canonical URI. AWS has two rules and the credential-scope
 * service picks one; the SDKs hard-code the same choice (S3 signs with {@code doubleUrlEncode=false,
 * normalizePath=false}).
 */
public enum CanonicalizationProfile {

  /**
   * S3: the decoded path is encoded once and never normalized, because an object key is an opaque
   * string in which {@code //}, {@code .} and {@code ..} are legitimate.
   */
  S3,

  /**
   * Every other service: the wire path (already encoded once) is normalized ({@code .}, {@code ..}
   * and duplicate slashes removed, as {@link java.net.URI#normalize()} does) and encoded again.
   */
  STANDARD;

  /** {@link #S3} for the {@code s3} service, {@link #STANDARD} for all others. */
  public static CanonicalizationProfile forService(String service) {
    return "s3".equals(service) ? S3 : STANDARD;
  }
}
