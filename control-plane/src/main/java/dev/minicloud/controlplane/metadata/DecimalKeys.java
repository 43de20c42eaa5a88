package dev.minicloud.controlplane.metadata;

/**
 * Zero-padded decimal numbers for keys that must sort numerically (hours, timestamps). Written on
 * every request's path, so without {@code String.format}, which costs about a microsecond a call.
 */
public final class DecimalKeys {

  private DecimalKeys() {}

  /**
   * {@code value} in decimal, left-padded with zeros to {@code width} digits (longer values are not
   * cut); negative values are written as 0.
   */
  public static String zeroPadded(long value, int width) {
    String digits = Long.toString(Math.max(0, value));
    if (digits.length() >= width) {
      return digits;
    }
    StringBuilder out = new StringBuilder(width);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits).toString();
  }

  /** Appends {@code value} zero-padded to {@code width} digits to {@code out}. */
  public static StringBuilder appendZeroPadded(StringBuilder out, long value, int width) {
    String digits = Long.toString(Math.max(0, value));
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits);
  }
}
