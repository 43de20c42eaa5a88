package dev.minicloud.storagenode.blob;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/**
 * One blob being written. Write the bytes to {@link #stream()} (without ending it), then end with
 * exactly one of {@link #commit} or {@link #abort}.
 */
public interface BlobUpload {

  /** Where the bytes go, with back-pressure. The upload ends it; callers must not. */
  WriteStream<Buffer> stream();

  /**
   * Makes the blob durable and visible: completes only after the bytes and the name are on disk.
   * On failure nothing is visible.
   *
   * @param expectedSize the size the request announced (fails with {@code IncompleteBody} when the
   *     bytes differ), or null
   * @return the blob's size
   */
  Future<Long> commit(Long expectedSize);

  /** Throws the written bytes away. */
  Future<Void> abort();
}
