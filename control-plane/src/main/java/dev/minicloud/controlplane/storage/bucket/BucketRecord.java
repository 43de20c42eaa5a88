package dev.minicloud.controlplane.storage.bucket;

import java.time.Instant;
import java.util.Map;

/** A bucket as stored in the BUCKETS table, keyed by its (globally unique) name. */
public record BucketRecord(String name, String ownerAccountId, Instant createdAt, String region,
    Map<String, String> tags) {

  public BucketRecord withTags(Map<String, String> newTags) {
    return new BucketRecord(name, ownerAccountId, createdAt, region, Map.copyOf(newTags));
  }
}
