package dev.minicloud.storagenode.blob;

import io.vertx.core.Future;

/**
 * The node's blob storage as the HTTP handlers see it: immutable blobs named by ids, written
 * streamed and made durable before they become visible. Every method returns at once; failures
 * that are the caller's doing are {@link dev.minicloud.common.error.ApiException}s with a
 * {@link BlobErrorCode}.
 */
public interface BlobStore {

  /**
   * Starts writing a new blob; nothing is visible until {@link BlobUpload#commit}.
   * Fails with {@code BlobExists} when the blob exists or is being written (a store may also find
   * that out only at the commit).
   *
   * @param announcedSize the body's size as the request announced it, or null when unknown
   *     (chunked); a store may choose where the blob goes from it
   */
  Future<BlobUpload> create(String blobId, Long announcedSize);

  /** Opens a blob for reading. Fails with {@code NoSuchBlob}. */
  Future<OpenBlob> open(String blobId);

  /** Deletes a blob; true if it existed. */
  Future<Boolean> delete(String blobId);

  /** Up to {@code limit} blobs with ids after {@code after} (null: from the first), in id order. */
  Future<BlobPage> list(String after, int limit);
}
