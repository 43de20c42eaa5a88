package dev.minicloud.controlplane.s3.xml;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of ListObjects (v1, {@code GET /bucket}): {@code ListBucketResult}.
 *
 * @param bucket the bucket name
 * @param prefix the {@code prefix} parameter, empty when not given (always written)
 * @param marker the {@code marker} parameter, empty when not given (always written)
 * @param nextMarker written when present: S3 gives it only when a delimiter is set and the
 *     listing is truncated (the last key or common prefix returned)
 * @param maxKeys the effective {@code max-keys}
 * @param delimiter the {@code delimiter} parameter; absent or empty is not written
 * @param truncated whether more entries follow
 * @param contents the objects, in key order
 * @param commonPrefixes the rolled-up prefixes, in order
 * @param urlEncoded whether {@code encoding-type=url} was requested: then Prefix, Marker,
 *     NextMarker, Delimiter, keys and common prefixes are written URL-encoded (see
 *     {@link S3Xml#urlEncode}) and {@code <EncodingType>url</EncodingType>} is added
 */
public record ListObjectsResult(
    String bucket,
    String prefix,
    String marker,
    Optional<String> nextMarker,
    int maxKeys,
    Optional<String> delimiter,
    boolean truncated,
    List<ObjectSummary> contents,
    List<String> commonPrefixes,
    boolean urlEncoded) {

  public ListObjectsResult {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(marker, "marker");
    Objects.requireNonNull(nextMarker, "nextMarker");
    Objects.requireNonNull(delimiter, "delimiter");
    contents = List.copyOf(contents);
    commonPrefixes = List.copyOf(commonPrefixes);
  }
}
