package dev.minicloud.common.xml;

/** Escaping for text and attribute values in the XML documents the S3 and STS edges write. */
public final class XmlText {

  private XmlText() {}

  /**
   * Escapes {@code & < > " '} and writes characters XML 1.0 cannot carry (control characters other
   * than tab, CR, LF) as numeric references, which is what S3 does for object keys.
   */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String replacement = switch (c) {
        case '&' -> "&amp;";
        case '<' -> "&lt;";
        case '>' -> "&gt;";
        case '"' -> "&quot;";
        case '\'' -> "&apos;";
        default -> (c < 0x20 && c != '\t' && c != '\n') || c == '\r' ? "&#" + (int) c + ";" : null;
      };
      if (replacement != null) {
        if (sb == null) {
          sb = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        sb.append(replacement);
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? text : sb.toString();
  }
}
