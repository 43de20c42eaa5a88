package dev.minicloud.common.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/** The canonical URI (second line of the canonical request) of a wire path, per profile. */
final class CanonicalUri {

  private CanonicalUri() {}

  static String of(String rawPath, CanonicalizationProfile profile) {
    if (rawPath == null || rawPath.isEmpty()) {
      return "/";
    }
    String path = rawPath.charAt(0) == '/' ? rawPath : "/" + rawPath;
    return switch (profile) {
      // Decode, then encode once: whatever escaping the client chose on the wire (say '!' raw or
      // as %21), the canonical form of the key is the same. A '+' in a path is a literal '+'.
      case S3 -> AwsUriEncoding.encode(AwsUriEncoding.decodeToBytes(path, false), true);
      case STANDARD -> standard(path);
    };
  }

  /**
   * What the AWS SDK signs with {@code normalizePath=true, doubleUrlEncode=true}: the wire path
   * normalized like {@link java.net.URI#normalize()}, then encoded again, so {@code %20} becomes
   * {@code %2520}. Normalization leaves a trailing slash when the last segment was {@code .} or
   * {@code ..}; the SDK strips it unless the wire path itself ended with one, and so do we.
   */
  private static String standard(String path) {
    String normalized = normalize(path);
    String encoded = AwsUriEncoding.encode(normalized.getBytes(StandardCharsets.UTF_8), true);
    if (encoded.length() > 1 && encoded.endsWith("/") && !path.endsWith("/")) {
      encoded = encoded.substring(0, encoded.length() - 1);
    }
    return encoded;
  }

  /**
   * RFC 2396 normalization exactly as {@code java.net.URI} does it on an absolute path: duplicate
   * slashes collapse, {@code .} segments go, a {@code ..} removes the segment before it unless that
   * is also {@code ..} (so a leading {@code ..} stays), and each remaining segment keeps the slash
   * that followed it. Only literal dots count: {@code %2E} is not a dot segment.
   */
  static String normalize(String path) {
    Deque<Segment> kept = new ArrayDeque<>();
    int i = 0;
    int n = path.length();
    while (i < n) {
      while (i < n && path.charAt(i) == '/') {
        i++;
      }
      if (i >= n) {
        break;
      }
      int end = path.indexOf('/', i);
      if (end < 0) {
        end = n;
      }
      String name = path.substring(i, end);
      boolean slashAfter = end < n;
      i = end;
      if (name.equals(".")) {
        continue;
      }
      if (name.equals("..") && !kept.isEmpty() && !kept.peekLast().name.equals("..")) {
        kept.removeLast();
        continue;
      }
      kept.addLast(new Segment(name, slashAfter));
    }
    StringBuilder out = new StringBuilder(path.length());
    out.append('/');
    for (Iterator<Segment> it = kept.iterator(); it.hasNext(); ) {
      Segment segment = it.next();
      out.append(segment.name);
      if (segment.slashAfter) {
        out.append('/');
      }
    }
    return out.toString();
  }

  private record Segment(String name, boolean slashAfter) {}
}
