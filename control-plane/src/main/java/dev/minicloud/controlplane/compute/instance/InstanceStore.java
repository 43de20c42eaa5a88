package dev.minicloud.controlplane.compute.instance;

import dev.minicloud.controlplane.metadata.CloseableIterator;
import dev.minicloud.controlplane.metadata.JsonRecords;
import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metadata.Table;
import dev.minicloud.controlplane.metadata.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Instance records and client tokens in table INSTANCES. Keys: {@code i/<account>/<instanceId>}
 * (so an account's instances are one range scan, in id order) and {@code t/<account>/<token>}.
 * Every write bumps the record's version; {@link #update} is a compare-and-set on it.
 */
public final class InstanceStore {

  private static final String INSTANCE = "i/";
  private static final String TOKEN = "t/";

  private final JsonRecords records;

  public InstanceStore(MetadataStore store) {
    this.records = new JsonRecords(store);
  }

  private static String key(String accountId, String instanceId) {
    return INSTANCE + accountId + "/" + instanceId;
  }

  public Optional<InstanceRecord> get(String accountId, String instanceId) {
    return records.get(Table.INSTANCES, key(accountId, instanceId), InstanceRecord.class);
  }

  /** Stores new records and, when given, their client token, in one atomic batch. */
  public synchronized void create(List<InstanceRecord> instances, ClientTokenRecord token, String accountId) {
    WriteBatch batch = records.store().newBatch();
    for (InstanceRecord r : instances) {
      records.putInto(batch, Table.INSTANCES, key(r.accountId(), r.instanceId()), r.withVersion(1));
    }
    if (token != null) {
      records.putInto(batch, Table.INSTANCES, TOKEN + accountId + "/" + token.clientToken(), token);
    }
    records.store().commit(batch);
  }

  public Optional<ClientTokenRecord> token(String accountId, String clientToken) {
    return records.get(Table.INSTANCES, TOKEN + accountId + "/" + clientToken, ClientTokenRecord.class);
  }

  /**
   * Applies {@code change} to the current record if its version is still {@code expectedVersion}
   * (any version when negative); returns the stored result, or empty when the record is gone or
   * changed meanwhile.
   */
  public synchronized Optional<InstanceRecord> update(String accountId, String instanceId, long expectedVersion,
      UnaryOperator<InstanceRecord> change) {
    Optional<InstanceRecord> current = get(accountId, instanceId);
    if (current.isEmpty() || (expectedVersion >= 0 && current.get().version() != expectedVersion)) {
      return Optional.empty();
    }
    InstanceRecord next = change.apply(current.get());
    if (next == current.get()) {
      return current;
    }
    next = next.withVersion(current.get().version() + 1);
    records.put(Table.INSTANCES, key(accountId, instanceId), next);
    return Optional.of(next);
  }

  public synchronized void delete(String accountId, String instanceId) {
    records.delete(Table.INSTANCES, key(accountId, instanceId));
  }

  /** An account's instances with ids after {@code afterId} (null: from the start), in id order. */
  public List<InstanceRecord> list(String accountId, String afterId, int limit, Predicate<InstanceRecord> filter) {
    String prefix = INSTANCE + accountId + "/";
    String from = afterId == null ? prefix : prefix + afterId + "\0";
    String to = INSTANCE + accountId + "0"; // '0' follows '/': the end of this account's range
    List<InstanceRecord> out = new ArrayList<>();
    try (CloseableIterator<JsonRecords.Keyed<InstanceRecord>> it =
        records.scan(Table.INSTANCES, from, to, InstanceRecord.class)) {
      while (it.hasNext() && out.size() < limit) {
        InstanceRecord r = it.next().value();
        if (filter.test(r)) {
          out.add(r);
        }
      }
    }
    return out;
  }

  /** Every instance of every account (the reconciler's and placement's view). */
  public List<InstanceRecord> all() {
    List<InstanceRecord> out = new ArrayList<>();
    try (CloseableIterator<JsonRecords.Keyed<InstanceRecord>> it =
        records.scanPrefix(Table.INSTANCES, INSTANCE, InstanceRecord.class)) {
      while (it.hasNext()) {
        out.add(it.next().value());
      }
    }
    return out;
  }
}
