package dev.minicloud.storagenode.blob;

import dev.minicloud.common.error.ApiException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Blob ids with a write in progress, in any tier: one writer per id, so that a writer's existence
 * check and its commit cannot race another writer of the same id. Shared by the file tier
 * ({@link BlobFiles}) and the RocksDB tier ({@link SmallBlobStore}). Thread-safe.
 */
public final class WriteReservations {

  private final Set<String> writing = ConcurrentHashMap.newKeySet();

  /** @throws ApiException {@code 409 BlobExists} when another write of {@code blobId} is in progress */
  public void reserve(String blobId) {
    if (!writing.add(blobId)) {
      throw new ApiException(BlobErrorCode.BLOB_EXISTS, "Blob " + blobId + " is being written.");
    }
  }

  /** Ends the write of {@code blobId}, committed or not. */
  public void release(String blobId) {
    writing.remove(blobId);
  }
}
