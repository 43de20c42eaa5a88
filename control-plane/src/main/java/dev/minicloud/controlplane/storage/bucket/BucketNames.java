package dev.minicloud.controlplane.storage.bucket;

import dev.minicloud.controlplane.http.SurfaceClassifier;
import java.util.regex.Pattern;

/**
 * S3's bucket naming rules for general purpose buckets: 3-63 characters of lower-case letters,
 * digits, dots and hyphens, starting and ending with a letter or digit, no two adjacent dots, not
 * shaped like an IP address, none of the reserved prefixes and suffixes. Plus MiniCloud's own
 * reserved names, where the JSON APIs live.
 */
public final class BucketNames {

  private static final Pattern SHAPE = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");
  private static final Pattern IP_ADDRESS = Pattern.compile("\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

  private BucketNames() {}

  /** Why {@code name} is not a valid bucket name, or null when it is. */
  public static String problem(String name) {
    if (name == null || !SHAPE.matcher(name).matches()) {
      return "Bucket names are 3-63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit";
    }
    if (name.contains("..") || name.contains(".-") || name.contains("-.")) {
      return "Bucket names must not contain two adjacent periods or a period next to a hyphen";
    }
    if (IP_ADDRESS.matcher(name).matches()) {
      return "Bucket names must not be formatted as an IP address";
    }
    if (name.startsWith("xn--") || name.startsWith("sthree-") || name.endsWith("-s3alias")
        || name.endsWith("--ol-s3") || name.endsWith(".mrap") || name.endsWith("--x-s3")) {
      return "Bucket names must not use a reserved prefix or suffix";
    }
    if (SurfaceClassifier.RESERVED_BUCKET_NAMES.contains(name)) {
      return "The bucket name '" + name + "' is reserved by MiniCloud for its own APIs";
    }
    return null;
  }
}
