/**
 * Object bytes on this node's disk, as immutable blobs named by ids the control plane chooses, in
 * two tiers behind one {@link dev.minicloud.storagenode.blob.TieredBlobStore}: blobs of a known size
 * up to {@link dev.minicloud.storagenode.blob.SmallBlobStore#MAX_BYTES} in the node's own RocksDB
 * ({@link dev.minicloud.storagenode.blob.SmallBlobs}, {@code <dataDir>/small-blobs}, one synced put
 * each), the others as files ({@link dev.minicloud.storagenode.blob.FileBlobStore} over
 * {@link dev.minicloud.storagenode.blob.BlobFiles}, which owns the layout under
 * {@code <dataDir>/blobs}: temp files, fsync, atomic rename). Both tiers share the one-writer-per-id
 * {@link dev.minicloud.storagenode.blob.WriteReservations}. {@link dev.minicloud.storagenode.blob.BlobStore} is the
 * narrow, asynchronous seam the HTTP handlers use ({@code PutBlobHandler}, {@code GetBlobHandler},
 * {@code DeleteBlobHandler}, {@code ListBlobsHandler}), registered under {@code /internal/v1/blobs}
 * in {@link dev.minicloud.storagenode.http.StorageNodeRouter}.
 */
package dev.minicloud.storagenode.blob;
