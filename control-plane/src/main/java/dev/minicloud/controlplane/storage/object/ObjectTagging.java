package dev.minicloud.controlplane.storage.object;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Object tags: S3's limits (10 tags, key <= 128, value <= 256 characters, unique keys). */
public final class ObjectTagging {

  static final int MAX_TAGS = 10;
  static final int MAX_KEY = 128;
  static final int MAX_VALUE = 256;

  /** Parses {@code x-amz-tagging: k1=v1&k2=v2} (URL-encoded query syntax). */
  public Map<String, String> fromHeader(String header) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (header == null || header.isEmpty()) {
      return tags;
    }
    for (String pair : header.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key;
      String value;
      try {
        key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new ApiException(S3ErrorCode.INVALID_ARGUMENT, "The header 'x-amz-tagging' shall be encoded as UTF-8 then URLEncoded URL query parameters without tag name duplicates.");
      }
      if (tags.put(key, value) != null) {
        throw new ApiException(S3ErrorCode.INVALID_TAG, "Cannot provide multiple Tags with the same key");
      }
    }
    return validate(tags);
  }

  public static Map<String, String> validate(Map<String, String> tags) {
    if (tags.size() > MAX_TAGS) {
      throw new ApiException(S3ErrorCode.INVALID_TAG, "Object tags cannot be greater than 10");
    }
    for (Map.Entry<String, String> tag : tags.entrySet()) {
      if (tag.getKey().isEmpty() || tag.getKey().length() > MAX_KEY) {
        throw new ApiException(S3ErrorCode.INVALID_TAG, "The TagKey you have provided is invalid");
      }
      if (tag.getValue().length() > MAX_VALUE) {
        throw new ApiException(S3ErrorCode.INVALID_TAG, "The TagValue you have provided is invalid");
      }
    }
    return tags;
  }
}
