package dev.minicloud.storagenode.blob;

import java.time.Instant;

/** One stored blob as the listing reports it. */
public record BlobInfo(String blobId, long size, Instant modifiedAt) {}
