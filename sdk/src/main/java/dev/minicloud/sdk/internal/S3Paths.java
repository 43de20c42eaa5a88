package dev.minicloud.sdk.internal;

import dev.minicloud.common.sigv4.AwsUriEncoding;

/** Path-style S3 addresses: {@code /bucket} and {@code /bucket/key}, percent-encoded. */
public final class S3Paths {

  private S3Paths() {}

  public static String bucket(String bucket) {
    requireBucket(bucket);
    return "/" + AwsUriEncoding.encode(bucket);
  }

  public static String object(String bucket, String key) {
    requireBucket(bucket);
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("object key must not be empty");
    }
    return "/" + AwsUriEncoding.encode(bucket) + "/" + AwsUriEncoding.encodePath(key);
  }

  /** One encoded query parameter. */
  public static String param(String name, String value) {
    return AwsUriEncoding.encode(name) + "=" + AwsUriEncoding.encode(value);
  }

  private static void requireBucket(String bucket) {
    if (bucket == null || bucket.isEmpty()) {
      throw new IllegalArgumentException("bucket name must not be empty");
    }
  }

  /** An ETag without its quotes. */
  public static String unquote(String etag) {
    if (etag == null) {
      return null;
    }
    return etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"") ? etag.substring(1, etag.length() - 1) : etag;
  }
}
