package dev.minicloud.controlplane.s3.xml;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of DeleteObjects: {@code <Delete>}.
 *
 * @param quiet whether only errors are to be reported
 * @param objects 1 to 1,000 objects, in request order (keys exactly as sent, possibly empty)
 */
public record DeleteObjectsRequest(boolean quiet, List<ObjectIdentifier> objects) {

  public DeleteObjectsRequest {
    objects = List.copyOf(objects);
  }

  /**
   * One {@code Object}.
   *
   * @param key the key
   * @param versionId the version to delete, when named
   */
  public record ObjectIdentifier(String key, Optional<String> versionId) {
    public ObjectIdentifier {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(versionId, "versionId");
    }
  }
}
