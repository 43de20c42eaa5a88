package dev.minicloud.sdk.storage;

import java.io.FilterInputStream;
import java.io.InputStream;

/**
 * An object's bytes as they arrive, plus its metadata. Close it (try-with-resources) to release
 * the connection, even when not reading to the end.
 */
public final class ObjectContent extends FilterInputStream {

  private final ObjectMetadata metadata;

  /** Wraps a response body and the metadata of its headers. */
  public ObjectContent(InputStream body, ObjectMetadata metadata) {
    super(body);
    this.metadata = metadata;
  }

  /** The object's metadata (for a ranged get, {@code contentLength} is the range's length). */
  public ObjectMetadata metadata() {
    return metadata;
  }
}
