package dev.minicloud.common.sigv4;

import java.util.List;
import java.util.Map;

/** The canonical headers block (fourth part of the canonical request). */
final class CanonicalHeaders {

  private CanonicalHeaders() {}

  /**
   * One {@code name:value\n} line per signed header, in the order of {@code signedNames} (which the
   * caller has lower-cased and sorted). Several values of one header are joined with {@code ,}. A
   * signed header missing from the request canonicalizes as empty; the signature then decides.
   */
  static String of(Map<String, List<String>> headers, List<String> signedNames) {
    StringBuilder out = new StringBuilder(256);
    for (String name : signedNames) {
      out.append(name).append(':');
      List<String> values = headers.getOrDefault(name, List.of());
      for (int i = 0; i < values.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        appendTrimmed(out, values.get(i));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * Appends {@code value} without leading and trailing whitespace and with every run of whitespace
   * collapsed to one space. The AWS SDK treats tab, CR, LF, VT and FF like a space here, so we do
   * too; HTTP parsers have normally removed the line breaks already.
   */
  static void appendTrimmed(StringBuilder out, String value) {
    boolean pendingSpace = false;
    boolean started = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (isWhitespace(c)) {
        pendingSpace = started;
      } else {
        if (pendingSpace) {
          out.append(' ');
          pendingSpace = false;
        }
        out.append(c);
        started = true;
      }
    }
  }

  private static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\r' || c == '\f';
  }
}
