/**
 * Object bytes on this node's disk (a later issue): a narrow {@code BlobStore} interface (write a
 * blob streamed and fsynced, read it streamed, delete it, list for garbage collection) with a
 * file-system implementation under {@code <dataDir>/blobs}, and its handlers registered under
 * {@code /internal/v1/blobs/} in {@link dev.minicloud.storagenode.http.StorageNodeRouter}.
 * Nothing here yet.
 */
package dev.minicloud.storagenode.blob;
