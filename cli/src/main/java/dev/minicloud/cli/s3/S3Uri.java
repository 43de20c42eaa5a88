package dev.minicloud.cli.s3;

import dev.minicloud.cli.UsageException;

/**
 * An {@code s3://bucket/key} argument. The key may be empty (the bucket itself) or end with
 * {@code /} (a "directory").
 *
 * @param bucket the bucket name
 * @param key the key or prefix, possibly empty
 */
record S3Uri(String bucket, String key) {

  static final String SCHEME = "s3://";

  static boolean isS3(String arg) {
    return arg.startsWith(SCHEME);
  }

  static S3Uri parse(String arg) {
    if (!isS3(arg)) {
      throw new UsageException("not an s3:// URI: " + arg);
    }
    String rest = arg.substring(SCHEME.length());
    int slash = rest.indexOf('/');
    String bucket = slash < 0 ? rest : rest.substring(0, slash);
    String key = slash < 0 ? "" : rest.substring(slash + 1);
    if (bucket.isEmpty()) {
      throw new UsageException("no bucket in " + arg);
    }
    return new S3Uri(bucket, key);
  }

  /** The key as a prefix of "directory" contents: empty, or ending with '/'. */
  String dirPrefix() {
    return key.isEmpty() || key.endsWith("/") ? key : key + "/";
  }

  /** The last path segment of the key. */
  String baseName() {
    String k = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    return k.substring(k.lastIndexOf('/') + 1);
  }

  S3Uri withKey(String newKey) {
    return new S3Uri(bucket, newKey);
  }

  @Override
  public String toString() {
    return SCHEME + bucket + "/" + key;
  }
}
