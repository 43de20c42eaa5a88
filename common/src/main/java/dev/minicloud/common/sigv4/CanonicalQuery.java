package dev.minicloud.common.sigv4;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The canonical query string (third line of the canonical request). */
final class CanonicalQuery {

  private CanonicalQuery() {}

  /**
   * Decodes every parameter ({@code +} is a space in a query), encodes name and value with {@link
   * AwsUriEncoding}, sorts by encoded name then encoded value and joins with {@code &}. Repeated
   * and empty-valued parameters stay. A parameter with an empty name is dropped, as the AWS SDK
   * does when it signs. {@code excludedName} (decoded, may be null) is left out: a presigned URL
   * does not sign its own {@code X-Amz-Signature}.
   */
  static String of(String rawQuery, String excludedName) {
    List<String[]> pairs = new ArrayList<>();
    for (QueryParameters.Raw param : QueryParameters.parse(rawQuery).all()) {
      byte[] name = AwsUriEncoding.decodeToBytes(param.name(), true);
      if (name.length == 0) {
        continue;
      }
      if (excludedName != null && param.decodedName().equals(excludedName)) {
        continue;
      }
      byte[] value = AwsUriEncoding.decodeToBytes(param.value(), true);
      pairs.add(new String[] {
          AwsUriEncoding.encode(name, false), AwsUriEncoding.encode(value, false)});
    }
    // Encoded strings are ASCII, so String order is byte order, which is what AWS sorts by.
    pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
    StringBuilder out = new StringBuilder();
    for (String[] pair : pairs) {
      if (out.length() > 0) {
        out.append('&');
      }
      out.append(pair[0]).append('=').append(pair[1]);
    }
    return out.toString();
  }
}
