package dev.minicloud.controlplane.s3.xml;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of ListBuckets ({@code GET /}).
 *
 * @param owner the caller, owner of the buckets
 * @param buckets the buckets, in name order
 * @param continuationToken present when the listing is truncated ({@code max-buckets})
 * @param prefix the {@code prefix} request parameter, when given
 */
public record ListAllMyBucketsResult(
    Owner owner, List<Bucket> buckets, Optional<String> continuationToken, Optional<String> prefix) {

  public ListAllMyBucketsResult {
    Objects.requireNonNull(owner, "owner");
    buckets = List.copyOf(buckets);
    Objects.requireNonNull(continuationToken, "continuationToken");
    Objects.requireNonNull(prefix, "prefix");
  }

  /** An unpaginated listing. */
  public ListAllMyBucketsResult(Owner owner, List<Bucket> buckets) {
    this(owner, buckets, Optional.empty(), Optional.empty());
  }

  /**
   * One bucket.
   *
   * @param name the bucket name
   * @param creationDate when the bucket was created
   * @param region the bucket's region ({@code BucketRegion}), written when present
   */
  public record Bucket(String name, Instant creationDate, Optional<String> region) {
    public Bucket {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(creationDate, "creationDate");
      Objects.requireNonNull(region, "region");
    }
  }
}
