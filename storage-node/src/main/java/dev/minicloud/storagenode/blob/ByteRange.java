package dev.minicloud.storagenode.blob;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single HTTP byte range (RFC 9110 section 14) as requested: {@code bytes=a-b}, {@code bytes=a-}
 * or {@code bytes=-n}. {@link #parse} returns null for what a server may ignore (no header, another
 * unit, several ranges, bad syntax): the whole blob is then served, as S3 does.
 */
public final class ByteRange {

  private static final Pattern SINGLE = Pattern.compile("\\s*bytes\\s*=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*",
      Pattern.CASE_INSENSITIVE);

  /** A range resolved against a size: {@code length} bytes from {@code first}. */
  public record Slice(long first, long length) {

    public long last() {
      return first + length - 1;
    }

    /** The {@code Content-Range} value of a 206 answer. */
    public String contentRange(long size) {
      return "bytes " + first + "-" + last() + "/" + size;
    }
  }

  private final long first; // -1 for a suffix range
  private final long last; // -1 for open-ended and suffix ranges
  private final long suffixLength; // -1 unless a suffix range

  private ByteRange(long first, long last, long suffixLength) {
    this.first = first;
    this.last = last;
    this.suffixLength = suffixLength;
  }

  /** The requested range, or null when the header is absent or to be ignored. */
  public static ByteRange parse(String header) {
    if (header == null) {
      return null;
    }
    Matcher m = SINGLE.matcher(header);
    if (!m.matches()) {
      return null;
    }
    try {
      String a = m.group(1);
      String b = m.group(2);
      if (a.isEmpty()) {
        return b.isEmpty() ? null : new ByteRange(-1, -1, Long.parseLong(b));
      }
      long first = Long.parseLong(a);
      if (b.isEmpty()) {
        return new ByteRange(first, -1, -1);
      }
      long last = Long.parseLong(b);
      return last < first ? null : new ByteRange(first, last, -1);
    } catch (NumberFormatException tooLarge) {
      return null;
    }
  }

  /** The bytes this range selects of a blob of {@code size} bytes; empty when it is not satisfiable (416). */
  public Optional<Slice> resolve(long size) {
    if (suffixLength >= 0) {
      if (suffixLength == 0 || size == 0) {
        return Optional.empty();
      }
      long length = Math.min(suffixLength, size);
      return Optional.of(new Slice(size - length, length));
    }
    if (first >= size) {
      return Optional.empty();
    }
    long end = last < 0 ? size - 1 : Math.min(last, size - 1);
    return Optional.of(new Slice(first, end - first + 1));
  }

  @Override
  public String toString() {
    return suffixLength >= 0 ? "bytes=-" + suffixLength : "bytes=" + first + "-" + (last < 0 ? "" : last);
  }
}
