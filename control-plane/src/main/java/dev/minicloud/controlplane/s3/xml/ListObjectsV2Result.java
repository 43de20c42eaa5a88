package dev.minicloud.controlplane.s3.xml;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of ListObjectsV2 ({@code GET /bucket?list-type=2}): {@code ListBucketResult}.
 *
 * @param bucket the bucket name
 * @param prefix the {@code prefix} parameter, empty when not given (always written)
 * @param continuationToken the {@code continuation-token} parameter, when given (never encoded)
 * @param nextContinuationToken present when truncated (never encoded)
 * @param maxKeys the effective {@code max-keys}
 * @param startAfter the {@code start-after} parameter, when given
 * @param delimiter the {@code delimiter} parameter; absent or empty is not written
 * @param truncated whether more entries follow
 * @param contents the objects, in key order; each with an owner only under {@code fetch-owner}
 * @param commonPrefixes the rolled-up prefixes, in order
 * @param urlEncoded whether {@code encoding-type=url} was requested: then Prefix, StartAfter,
 *     Delimiter, keys and common prefixes are written URL-encoded and
 *     {@code <EncodingType>url</EncodingType>} is added
 */
public record ListObjectsV2Result(
    String bucket,
    String prefix,
    Optional<String> continuationToken,
    Optional<String> nextContinuationToken,
    int maxKeys,
    Optional<String> startAfter,
    Optional<String> delimiter,
    boolean truncated,
    List<ObjectSummary> contents,
    List<String> commonPrefixes,
    boolean urlEncoded) {

  public ListObjectsV2Result {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(continuationToken, "continuationToken");
    Objects.requireNonNull(nextContinuationToken, "nextContinuationToken");
    Objects.requireNonNull(startAfter, "startAfter");
    Objects.requireNonNull(delimiter, "delimiter");
    contents = List.copyOf(contents);
    commonPrefixes = List.copyOf(commonPrefixes);
  }

  /** S3's {@code KeyCount}: objects plus common prefixes in this page. */
  public int keyCount() {
    return contents.size() + commonPrefixes.size();
  }
}
