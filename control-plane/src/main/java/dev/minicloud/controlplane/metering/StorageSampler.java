package dev.minicloud.controlplane.metering;

import dev.minicloud.controlplane.metadata.JsonRecords;
import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metadata.Table;
import dev.minicloud.controlplane.metadata.WriteBatch;
import dev.minicloud.controlplane.storage.bucket.BucketRecord;
import dev.minicloud.controlplane.storage.object.ObjectIndex;
import dev.minicloud.controlplane.storage.object.ObjectIndex.Totals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns "bytes and objects stored per account" into {@code storage.byte-hours} and
 * {@code storage.objects}. Each sample reads the account's totals from the object index (one
 * record per bucket, which the index keeps up to date as it commits: no scan of the objects) and
 * integrates the previous sample's bytes over the time since it, split at hour boundaries; the
 * sample itself is stored ({@code s/<accountId>} in USAGE) in the same atomic batch as the usage,
 * so a crash neither loses nor repeats an interval.
 *
 * <p>{@link #sampleAll()} runs every minute; {@link #changed(String)} marks an account after a
 * successful write and {@link #sampleChanged()} (every second) samples the marked ones, so a change
 * shows within about a second. Bytes of multipart parts not yet completed are not counted.
 */
public final class StorageSampler {

  /** What the last sample of an account saw. */
  public record Sample(Instant at, long bytes, long objects) {}

  private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000L);
  /** Byte-hours are kept to this many decimals (a byte stored for 3.6 ms). */
  public static final int SCALE = 6;

  private final MetadataStore store;
  private final UsageStore usage;
  private final JsonRecords records;
  private final JsonRecords usageRecords;
  private final Clock clock;
  private final ObjectIndex objectIndex;
  private final Set<String> dirty = ConcurrentHashMap.newKeySet();
  /** System.nanoTime() before which changed accounts are not sampled again (CPU budget). */
  private long nextChangedSample;

  /**
   * Sampling changed accounts may use at most 1/this of the time (an account with very many
   * buckets, or whose buckets predate kept totals and are counted by a scan, is not sampled again
   * every second: the wait grows to this many times the last sample's duration).
   */
  static final int CPU_BUDGET_DIVISOR = 20;

  public StorageSampler(MetadataStore store, UsageStore usage, Clock clock) {
    this.store = store;
    this.usage = usage;
    this.records = new JsonRecords(store);
    this.usageRecords = new JsonRecords(usage.metadata()); // the sampler's own state lives with usage
    this.clock = clock;
    this.objectIndex = new ObjectIndex(store);
    this.nextChangedSample = System.nanoTime();
  }

  /** Marks an account whose stored bytes may have changed. */
  public void changed(String accountId) {
    dirty.add(accountId);
  }

  /**
   * Samples the accounts marked by {@link #changed}; blocking (run on a worker). A sample reads one
   * record per bucket of the accounts; after one that took {@code d} the next waits at least
   * {@code 20 d}, so at most 5 % of a core goes to it (always within {@link #sampleAll}'s minute).
   */
  public synchronized void sampleChanged() {
    long started = System.nanoTime();
    if (dirty.isEmpty() || started - nextChangedSample < 0) {
      return;
    }
    List<String> accounts = new ArrayList<>(dirty);
    dirty.removeAll(accounts);
    Map<String, Totals> totals = totalsByAccount(new HashSet<>(accounts));
    Instant now = clock.instant();
    for (String account : accounts) {
      sample(account, totals.getOrDefault(account, new Totals(0, 0)), now);
    }
    long took = System.nanoTime() - started;
    nextChangedSample = started + took * CPU_BUDGET_DIVISOR;
  }

  /** Samples every account that stores anything or did at the last sample; blocking. */
  public synchronized void sampleAll() {
    Map<String, Totals> totals = totalsByAccount(null);
    Set<String> accounts = new HashSet<>(totals.keySet());
    try (var previous = usageRecords.scanPrefix(Table.USAGE, "s/", Sample.class)) {
      while (previous.hasNext()) {
        accounts.add(previous.next().key().substring(2));
      }
    }
    Instant now = clock.instant();
    for (String account : accounts) {
      sample(account, totals.getOrDefault(account, new Totals(0, 0)), now);
    }
  }

  /** Records one sample of {@code accountId}: usage since the previous sample, then the new sample. */
  public synchronized void sample(String accountId, Totals totals, Instant now) {
    String stateKey = "s/" + accountId;
    Sample previous = usageRecords.get(Table.USAGE, stateKey, Sample.class).orElse(null);
    if (previous != null && now.isBefore(previous.at())) {
      return; // clock went backwards; the next sample catches up
    }
    List<UsageEvent> events = new ArrayList<>();
    if (previous != null) {
      events.addAll(intervalEvents(accountId, previous, now));
    }
    events.add(UsageEvent.of("storage/" + accountId + "/" + now.toEpochMilli() + "/current-objects", accountId,
        Meters.STORAGE_OBJECTS, now, totals.objects()));
    WriteBatch batch = new WriteBatch();
    usageRecords.putInto(batch, Table.USAGE, stateKey, new Sample(now, totals.bytes(), totals.objects()));
    usage.record(events, batch);
  }

  /** Byte-hours of {@code previous.bytes} over [previous.at, now), split at hour boundaries. */
  static List<UsageEvent> intervalEvents(String accountId, Sample previous, Instant now) {
    List<UsageEvent> events = new ArrayList<>();
    Instant from = previous.at();
    while (from.isBefore(now)) {
      Instant hourEnd = UsageStore.hourOf(from).plus(1, ChronoUnit.HOURS);
      Instant to = hourEnd.isBefore(now) ? hourEnd : now;
      long millis = to.toEpochMilli() - from.toEpochMilli();
      String id = "storage/" + accountId + "/" + from.toEpochMilli();
      if (previous.bytes() > 0 && millis > 0) {
        BigDecimal byteHours = BigDecimal.valueOf(previous.bytes()).multiply(BigDecimal.valueOf(millis))
            .divide(MILLIS_PER_HOUR, SCALE, RoundingMode.HALF_EVEN).stripTrailingZeros();
        events.add(new UsageEvent(id + "/byte-hours", accountId, Meters.STORAGE_BYTE_HOURS, from, byteHours));
      }
      // the object count held through this hour (the maximum meter keeps the hour's largest)
      events.add(UsageEvent.of(id + "/objects", accountId, Meters.STORAGE_OBJECTS, from, previous.objects()));
      from = to;
    }
    return events;
  }

  /** Bytes and objects per owning account, for {@code only} those accounts (null: all). */
  Map<String, Totals> totalsByAccount(Set<String> only) {
    Map<String, String> owners = new TreeMap<>();
    try (var buckets = records.scanPrefix(Table.BUCKETS, "", BucketRecord.class)) {
      while (buckets.hasNext()) {
        BucketRecord bucket = buckets.next().value();
        if (only == null || only.contains(bucket.ownerAccountId())) {
          owners.put(bucket.name(), bucket.ownerAccountId());
        }
      }
    }
    Map<String, Totals> out = new HashMap<>();
    for (Map.Entry<String, String> bucket : owners.entrySet()) {
      Totals kept = objectIndex.totals(bucket.getKey());
      out.merge(bucket.getValue(), kept, Totals::plus);
    }
    return out;
  }
}
