package dev.minicloud.controlplane.storage.bucket;

import dev.minicloud.controlplane.storage.encryption.BucketEncryption;
import java.time.Instant;
import java.util.Map;

/**
 * A bucket as stored in the BUCKETS table, keyed by its (globally unique) name.
 *
 * @param policy the bucket policy document as the owner put it, or null
 * @param acl the canned ACL ({@code private}, {@code public-read}), or null for private
 * @param encryption the default encryption of new objects (PutBucketEncryption), or null for none
 * @param versioning {@code Suspended} once PutBucketVersioning suspended it, or null when never
 *     configured; both mean what MiniCloud does: one version per key, id {@code null}
 */
public record BucketRecord(String name, String ownerAccountId, Instant createdAt, String region,
    Map<String, String> tags, String policy, String acl, BucketEncryption encryption, String versioning) {

  public static final String PRIVATE = "private";
  public static final String PUBLIC_READ = "public-read";

  public BucketRecord(String name, String ownerAccountId, Instant createdAt, String region, Map<String, String> tags) {
    this(name, ownerAccountId, createdAt, region, tags, null, null, null, null);
  }

  public BucketRecord withTags(Map<String, String> newTags) {
    return new BucketRecord(name, ownerAccountId, createdAt, region, Map.copyOf(newTags), policy, acl, encryption,
        versioning);
  }

  public BucketRecord withPolicy(String newPolicy) {
    return new BucketRecord(name, ownerAccountId, createdAt, region, tags, newPolicy, acl, encryption, versioning);
  }

  public BucketRecord withAcl(String newAcl) {
    return new BucketRecord(name, ownerAccountId, createdAt, region, tags, policy, newAcl, encryption, versioning);
  }

  public BucketRecord withEncryption(BucketEncryption newEncryption) {
    return new BucketRecord(name, ownerAccountId, createdAt, region, tags, policy, acl, newEncryption, versioning);
  }

  public BucketRecord withVersioning(String newVersioning) {
    return new BucketRecord(name, ownerAccountId, createdAt, region, tags, policy, acl, encryption, newVersioning);
  }
}
