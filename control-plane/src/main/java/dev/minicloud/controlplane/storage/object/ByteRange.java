package dev.minicloud.controlplane.storage.object;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single HTTP byte range resolved against an object's size: {@code bytes=a-b}, {@code bytes=a-}
 * or the suffix form {@code bytes=-n}. Syntax S3 does not understand (several ranges, other units)
 * is ignored and the whole object is served, as S3 does; a range starting past the end is 416.
 */
public record ByteRange(long start, long endInclusive) {

  private static final Pattern SINGLE = Pattern.compile("\\s*bytes\\s*=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*");

  public long length() {
    return endInclusive - start + 1;
  }

  /** The range to serve, or null for the whole object. */
  public static ByteRange parse(String header, long size) {
    if (header == null) {
      return null;
    }
    Matcher m = SINGLE.matcher(header);
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return null;
    }
    try {
      if (m.group(1).isEmpty()) {
        long suffix = Long.parseLong(m.group(2));
        if (suffix == 0 || size == 0) {
          throw unsatisfiable(size);
        }
        return new ByteRange(Math.max(0, size - suffix), size - 1);
      }
      long start = Long.parseLong(m.group(1));
      long end = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
      if (start >= size) {
        throw unsatisfiable(size);
      }
      if (end < start) {
        return null; // "bytes=5-2" is not a valid range: ignored
      }
      return new ByteRange(start, end);
    } catch (NumberFormatException e) {
      return null; // absurdly large numbers: treat as no range
    }
  }

  private static ApiException unsatisfiable(long size) {
    return new ApiException(S3ErrorCode.INVALID_RANGE, "The requested range is not satisfiable (object size " + size + ")");
  }
}
