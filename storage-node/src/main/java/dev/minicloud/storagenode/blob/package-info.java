/**
 * Object bytes on this node's disk, as immutable blobs named by ids the control plane chooses.
 * {@link dev.minicloud.storagenode.blob.BlobFiles} owns the layout under {@code <dataDir>/blobs}
 * (temp files, fsync, atomic rename); {@link dev.minicloud.storagenode.blob.BlobStore} is the
 * narrow, asynchronous seam the HTTP handlers use ({@code PutBlobHandler}, {@code GetBlobHandler},
 * {@code DeleteBlobHandler}, {@code ListBlobsHandler}), registered under {@code /internal/v1/blobs}
 * in {@link dev.minicloud.storagenode.http.StorageNodeRouter}.
 */
package dev.minicloud.storagenode.blob;
