package dev.minicloud.controlplane.storage.multipart;

import dev.minicloud.controlplane.storage.blob.Segment;
import dev.minicloud.controlplane.storage.encryption.SealedKey;
import java.time.Instant;
import java.util.Map;

/**
 * An uploaded part (PARTS table, key {@code uploadId/partNumber}, zero-padded so parts list in
 * order). Its bytes are a blob that becomes a segment of the completed object unchanged.
 *
 * @param etag the quoted MD5 of the part
 * @param checksums the part's flexible checksums (algorithm name to base64)
 * @param sealedKey the data key its blob is encrypted with, when the upload is encrypted; else null
 */
public record PartRecord(int partNumber, String etag, long size, Instant lastModified, Segment segment,
    Map<String, String> checksums, SealedKey sealedKey) {}
