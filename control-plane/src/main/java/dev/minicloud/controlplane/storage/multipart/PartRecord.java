package dev.minicloud.controlplane.storage.multipart;

import dev.minicloud.controlplane.storage.blob.Segment;
import java.time.Instant;
import java.util.Map;

/**
 * An uploaded part (PARTS table, key {@code uploadId/partNumber}, zero-padded so parts list in
 * order). Its bytes are a blob that becomes a segment of the completed object unchanged.
 *
 * @param etag the quoted MD5 of the part
 * @param checksums the part's flexible checksums (algorithm name to base64)
 */
public record PartRecord(int partNumber, String etag, long size, Instant lastModified, Segment segment,
    Map<String, String> checksums) {}
