package dev.minicloud.sdk.storage;

import java.time.Instant;
import java.util.Map;

/**
 * What HeadObject (and GetObject) tell about an object.
 *
 * @param contentLength bytes in this answer (the range length for a ranged get)
 * @param contentType the media type stored with the object
 * @param etag the entity tag, without quotes
 * @param lastModified when it was written (null if the server did not say)
 * @param contentRange the {@code Content-Range} of a ranged get, else null
 * @param userMetadata the {@code x-amz-meta-*} values, names without the prefix
 */
public record ObjectMetadata(long contentLength, String contentType, String etag, Instant lastModified,
    String contentRange, Map<String, String> userMetadata) {

  /**
   * The object's whole size: {@link #contentLength()}, or for a ranged get the total from
   * {@code Content-Range: bytes a-b/total}.
   */
  public long objectSize() {
    if (contentRange != null) {
      int slash = contentRange.lastIndexOf('/');
      if (slash > 0 && !contentRange.endsWith("*")) {
        return Long.parseLong(contentRange.substring(slash + 1).strip());
      }
    }
    return contentLength;
  }
}
