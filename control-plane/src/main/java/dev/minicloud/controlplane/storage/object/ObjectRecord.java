package dev.minicloud.controlplane.storage.object;

import dev.minicloud.controlplane.storage.blob.Segment;
import dev.minicloud.controlplane.storage.encryption.ObjectEncryption;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An object version as stored in the OBJECTS table (key: bucket, 0x00, object key).
 *
 * @param etag the quoted ETag S3 returns: {@code "md5hex"} for a single PUT, {@code "md5hex-N"} for multipart
 * @param headers the stored standard headers (content-type, content-encoding, content-disposition,
 *     content-language, cache-control, expires), lower-case names
 * @param userMetadata {@code x-amz-meta-*} values, keyed by the lower-case suffix
 * @param checksums stored flexible checksums: algorithm name (CRC32, ...) to base64 value
 * @param checksumType FULL_OBJECT or COMPOSITE (multipart), null without checksums
 * @param segments where the bytes are, in order
 * @param partSizes sizes of the parts of a multipart object (for GetObject partNumber), empty otherwise
 * @param acl the canned ACL ({@code private}, {@code public-read}); null means private
 * @param encryption how the bytes are encrypted (server-side encryption); null means plain, as for
 *     every object stored before encryption existed
 */
public record ObjectRecord(
    String key, long size, String etag, Instant lastModified, Map<String, String> headers,
    Map<String, String> userMetadata, Map<String, String> checksums, String checksumType,
    Map<String, String> tags, List<Segment> segments, List<Long> partSizes, String acl,
    ObjectEncryption encryption) {

  /** A private object (no canned ACL). */
  public ObjectRecord(String key, long size, String etag, Instant lastModified, Map<String, String> headers,
      Map<String, String> userMetadata, Map<String, String> checksums, String checksumType,
      Map<String, String> tags, List<Segment> segments, List<Long> partSizes) {
    this(key, size, etag, lastModified, headers, userMetadata, checksums, checksumType, tags, segments, partSizes,
        null, null);
  }

  public ObjectRecord withTags(Map<String, String> newTags) {
    return new ObjectRecord(key, size, etag, lastModified, headers, userMetadata, checksums, checksumType,
        Map.copyOf(newTags), segments, partSizes, acl, encryption);
  }

  public ObjectRecord withAcl(String newAcl) {
    return new ObjectRecord(key, size, etag, lastModified, headers, userMetadata, checksums, checksumType,
        tags, segments, partSizes, newAcl, encryption);
  }
}
