package dev.minicloud.common.sigv4;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The percent-encoding SigV4 uses: every byte of the UTF-8 form is encoded as {@code %XX}
 * (upper-case hex) except the unreserved characters {@code A-Z a-z 0-9 - . _ ~}.
 *
 * <p>Unlike {@link java.net.URLEncoder} a space is {@code %20}, never {@code +}, and {@code *} is
 * encoded. Decoding works on bytes so that a wire value that is not valid UTF-8 still canonicalizes
 * to exactly the bytes the client sent.
 */
public final class AwsUriEncoding {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private AwsUriEncoding() {}

  /** Encodes every byte except the unreserved characters; {@code /} becomes {@code %2F}. */
  public static String encode(String value) {
    return encode(value.getBytes(StandardCharsets.UTF_8), false);
  }

  /** Encodes like {@link #encode(String)} but keeps {@code /}: for a path or an object key. */
  public static String encodePath(String value) {
    return encode(value.getBytes(StandardCharsets.UTF_8), true);
  }

  /**
   * Decodes {@code %XX} escapes to a string (UTF-8). {@code plusAsSpace} is true for query strings,
   * where {@code +} means a space, and false for paths, where it is a literal {@code +}.
   */
  public static String decode(String value, boolean plusAsSpace) {
    return new String(decodeToBytes(value, plusAsSpace), StandardCharsets.UTF_8);
  }

  static String encode(byte[] bytes, boolean keepSlash) {
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (isUnreserved(c) || (keepSlash && c == '/')) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >>> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  /**
   * Decodes escapes to raw bytes. Characters that are not escapes contribute their UTF-8 bytes. A
   * {@code %} not followed by two hex digits is kept as a literal {@code %}: rejecting it here would
   * turn a routing problem into an authentication one, and the literal reading is what the client
   * most plausibly signed.
   */
  static byte[] decodeToBytes(String value, boolean plusAsSpace) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(value.length());
    int i = 0;
    int n = value.length();
    while (i < n) {
      char c = value.charAt(i);
      if (c == '%' && i + 2 < n && hexValue(value.charAt(i + 1)) >= 0
          && hexValue(value.charAt(i + 2)) >= 0) {
        out.write(hexValue(value.charAt(i + 1)) << 4 | hexValue(value.charAt(i + 2)));
        i += 3;
      } else if (c == '+' && plusAsSpace) {
        out.write(' ');
        i++;
      } else if (c < 0x80) {
        out.write(c);
        i++;
      } else {
        // Raw non-ASCII on the wire: take the whole code point (a surrogate pair is two chars).
        int cp = value.codePointAt(i);
        out.writeBytes(new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8));
        i += Character.charCount(cp);
      }
    }
    return out.toByteArray();
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-' || c == '.' || c == '_' || c == '~';
  }

  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    return -1;
  }
}
