package dev.minicloud.controlplane.storage.multipart;

import java.time.Instant;
import java.util.Map;

/**
 * A multipart upload in progress (UPLOADS table, key {@code bucket 0x00 key 0x00 uploadId}): what
 * the object will carry once completed.
 *
 * @param checksumAlgorithm the x-amz-checksum-algorithm named at creation (e.g. CRC32), or null
 * @param checksumType FULL_OBJECT or COMPOSITE when a checksum algorithm is set, else null
 * @param serverSideEncryption {@code AES256} when the object (and so every part) is encrypted, else null
 */
public record UploadRecord(String uploadId, String bucket, String key, Instant initiated, String ownerAccountId,
    Map<String, String> headers, Map<String, String> userMetadata, Map<String, String> tags,
    String checksumAlgorithm, String checksumType, String serverSideEncryption) {}
