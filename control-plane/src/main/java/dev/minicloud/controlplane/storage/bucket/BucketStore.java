package dev.minicloud.controlplane.storage.bucket;

import dev.minicloud.controlplane.metadata.JsonRecords;
import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metadata.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Buckets in the metadata store. Creation and deletion are serialised here, so two concurrent
 * creates of one name cannot both win, and a bucket cannot be deleted while a create is checking it.
 */
public final class BucketStore {

  private final JsonRecords records;

  public BucketStore(MetadataStore store) {
    this.records = new JsonRecords(store);
  }

  public Optional<BucketRecord> get(String name) {
    return records.get(Table.BUCKETS, name, BucketRecord.class);
  }

  /** Outcome of a create: created, or who already has the name. */
  public enum CreateResult { CREATED, ALREADY_OWNED_BY_YOU, ALREADY_EXISTS }

  public synchronized CreateResult create(BucketRecord bucket) {
    Optional<BucketRecord> existing = get(bucket.name());
    if (existing.isPresent()) {
      return existing.get().ownerAccountId().equals(bucket.ownerAccountId())
          ? CreateResult.ALREADY_OWNED_BY_YOU : CreateResult.ALREADY_EXISTS;
    }
    records.put(Table.BUCKETS, bucket.name(), bucket);
    return CreateResult.CREATED;
  }

  /** Applies {@code change} to the bucket if it exists, serialised with creates and deletes. */
  public synchronized Optional<BucketRecord> update(String name, java.util.function.UnaryOperator<BucketRecord> change) {
    Optional<BucketRecord> updated = get(name).map(change);
    updated.ifPresent(b -> records.put(Table.BUCKETS, b.name(), b));
    return updated;
  }

  /**
   * Deletes the bucket if {@code isEmpty} says it holds nothing, checked under the same lock as
   * creation.
   *
   * @return false when the bucket was not empty (and so not deleted)
   */
  public synchronized boolean deleteIfEmpty(String name, BooleanSupplier isEmpty) {
    if (!isEmpty.getAsBoolean()) {
      return false;
    }
    records.delete(Table.BUCKETS, name);
    return true;
  }

  /** Every bucket owned by {@code accountId}, in name order. */
  public List<BucketRecord> ownedBy(String accountId) {
    List<BucketRecord> owned = new ArrayList<>();
    try (var all = records.scanPrefix(Table.BUCKETS, "", BucketRecord.class)) {
      while (all.hasNext()) {
        BucketRecord bucket = all.next().value();
        if (bucket.ownerAccountId().equals(accountId)) {
          owned.add(bucket);
        }
      }
    }
    return owned;
  }
}
