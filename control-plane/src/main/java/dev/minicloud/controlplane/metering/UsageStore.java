package dev.minicloud.controlplane.metering;

import dev.minicloud.controlplane.metadata.CloseableIterator;
import dev.minicloud.controlplane.metadata.DecimalKeys;
import dev.minicloud.controlplane.metadata.Entry;
import dev.minicloud.controlplane.metadata.KeyRange;
import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metadata.Table;
import dev.minicloud.controlplane.metadata.WriteBatch;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Usage aggregated per account, meter and hour in the USAGE table, fed by idempotent events.
 *
 * <p>Keys of the USAGE table (UTF-8):
 * <ul>
 *   <li>{@code j/<written at, epoch µs, 16 digits>/<journal id>}: a request's usage events as logged
 *       before its response ({@link #journal}), not yet folded into the aggregates: the
 *       write-ahead batch that {@link #foldJournal} replays (compact binary, {@link UsageEventCodec});</li>
 *   <li>{@code e/<hour of the event, 12 digits>/<eventId>}: the event, recorded directly
 *       ({@link #record}), was counted (so a replay, which carries the same id and time, is
 *       ignored); pruned after {@link #MARKER_RETENTION}. Journal entries need no such marker: each
 *       entry is deleted in the batch that counts it, so it counts exactly once;</li>
 *   <li>{@code h/<accountId>/<hour start, epoch seconds, 12 digits>/<meter>}: the hour's quantity as a
 *       decimal string;</li>
 *   <li>{@code s/<accountId>}: the storage sampler's last sample ({@link StorageSampler});</li>
 *   <li>{@code i/<accountId>/<yyyy-mm>}: a closed month's invoice, frozen (billing);</li>
 *   <li>{@code b/<accountId>}: the account's monthly budget (billing).</li>
 * </ul>
 * The id markers and the aggregates change in one atomic batch, so after a crash an event is either
 * counted and marked, or neither; replaying it then counts it exactly once. Folding a journal entry
 * deletes it in that same batch, so an entry is folded exactly once, also across a crash. The unit
 * of idempotency is the event id for {@link #record} and the entry for {@link #journal} (the
 * request path logs each request's entries once, under ids derived from its unique request id).
 *
 * <p>Two ways in. {@link #record} reads and updates the aggregates at once (background producers:
 * storage sampler, instance meter). {@link #journal} only adds one put to the caller's batch, with
 * no read and no lock: the request path uses it (before and after the response), and the journal thread
 * folds the entries into the aggregates moments later; every query folds what is pending first, so
 * a reader sees every logged event. Writes of aggregates are serialised here (read-modify-write).
 * Thread-safe.
 */
public final class UsageStore {

  private static final byte[] COUNTED = new byte[] {1};
  /**
   * How long event ids are remembered. A replay of an event older than this would count again; by
   * then its month is closed and its invoice frozen.
   */
  public static final java.time.Duration MARKER_RETENTION = java.time.Duration.ofDays(40);

  private static final int CACHED_AGGREGATES = 4096;
  /** Journal entries folded per atomic batch. */
  static final int FOLD_CHUNK = 2048;
  /**
   * How far behind the newest folded entry the journal thread's incremental fold starts looking:
   * an entry's key time is taken just before its write, so it can land a little behind a newer one
   * (its thread preempted in between). Kept short: the fold has to step over the deletion marker of
   * every entry it already folded in that window. {@link #foldJournalFully} catches anything later
   * still (the journal thread runs it every minute and at start-up).
   */
  static final long BACKGROUND_FOLD_OVERLAP_MICROS = java.util.concurrent.TimeUnit.MILLISECONDS.toMicros(250);
  /**
   * The same for the fold before a query (rare, so it can afford to look further back): an entry
   * is written before its request's response, so a caller who saw the response and then queries
   * finds its usage unless its write was delayed by more than this.
   */
  static final long QUERY_FOLD_OVERLAP_MICROS = java.util.concurrent.TimeUnit.SECONDS.toMicros(10);
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(UsageStore.class);

  private final MetadataStore store;
  /** The last journal key time handed out: keys are strictly increasing within the process. */
  private final java.util.concurrent.atomic.AtomicLong lastJournalMicros = new java.util.concurrent.atomic.AtomicLong();
  /** Journal entries added to batches and not folded yet (approximate: an operations metric). */
  private final java.util.concurrent.atomic.LongAdder unfolded = new java.util.concurrent.atomic.LongAdder();
  /** Key time of the newest journal entry folded so far (guarded by this); 0: none yet. */
  private long foldedThroughMicros;
  /** Recently written aggregates (this store is their only writer), saving a read per event. */
  private final Map<String, BigDecimal> cache = new java.util.LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, BigDecimal> eldest) {
      return size() > CACHED_AGGREGATES;
    }
  };

  public UsageStore(MetadataStore store) {
    this.store = store;
  }

  public MetadataStore metadata() {
    return store;
  }

  /**
   * Counts every event whose id was not counted before and commits them, together with the other
   * operations already in {@code batch}, atomically and durably (fsynced).
   *
   * @return how many events were new (the rest were replays)
   */
  public int record(List<UsageEvent> events, WriteBatch batch) {
    return record(events, batch, true);
  }

  /**
   * As {@link #record(List, WriteBatch)}; with {@code synced} false the batch is in the write-ahead
   * log on return (survives a process crash) and fsynced later ({@link MetadataStore#commitUnsynced}).
   */
  public synchronized int record(List<UsageEvent> events, WriteBatch batch, boolean synced) {
    return count(events, batch, synced, true);
  }

  /**
   * Adds events to the aggregates in {@code batch} and commits it. With {@code byId}, an event whose
   * id was counted before is skipped and a counted one leaves its id marker (a read and a write per
   * event); the journal's fold does without: an entry is deleted in the batch that counts it, so
   * its events count exactly once by construction, and the request path leaves no marker to read,
   * write, keep for 40 days and compact.
   */
  private int count(List<UsageEvent> events, WriteBatch batch, boolean synced, boolean byId) {
    Map<String, BigDecimal> aggregates = new HashMap<>();
    Set<String> seen = new HashSet<>();
    int applied = 0;
    for (UsageEvent event : events) {
      if (byId) {
        byte[] marker = markerKey(event);
        if (!seen.add(event.eventId()) || store.get(Table.USAGE, marker).isPresent()) {
          continue;
        }
        batch.put(Table.USAGE, marker, COUNTED);
      }
      String key = aggregateKey(event.accountId(), hourOf(event.time()), event.meter());
      BigDecimal current = aggregates.containsKey(key) ? aggregates.get(key)
          : cache.containsKey(key) ? cache.get(key) : read(key).orElse(null);
      BigDecimal next;
      if (current == null) {
        next = event.quantity();
      } else if (Meters.isMaximum(event.meter())) {
        next = current.max(event.quantity());
      } else {
        next = current.add(event.quantity());
      }
      aggregates.put(key, next);
      applied++;
    }
    aggregates.forEach((key, value) -> batch.put(Table.USAGE, utf8(key), utf8(value.toPlainString())));
    if (!batch.isEmpty()) {
      if (synced) {
        store.commit(batch);
      } else {
        store.commitUnsynced(batch);
      }
      cache.putAll(aggregates); // only once committed
    }
    return applied;
  }

  /**
   * Adds one put to {@code batch} that logs {@code events} as journal entry {@code journalId} (unique
   * per entry, e.g. a request id); the caller commits the batch. No read, no lock: the request path
   * calls this on the event loop. The events count once {@link #foldJournal} has folded the entry.
   */
  public void journal(WriteBatch batch, String journalId, List<UsageEvent> events) {
    // The order of writing, not the events' time (they carry their own): wall-clock microseconds,
    // made strictly increasing, so an incremental fold only has to look a little behind the newest
    // entry it folded. After a restart (a clock may have stepped back) the first fold is a full one.
    long now = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    long micros = lastJournalMicros.accumulateAndGet(now, (last, wall) -> Math.max(last + 1, wall));
    StringBuilder key = new StringBuilder(20 + journalId.length()).append("j/");
    DecimalKeys.appendZeroPadded(key, micros, 16).append('/').append(journalId);
    batch.put(Table.USAGE, utf8(key.toString()), UsageEventCodec.encode(events));
    unfolded.increment();
  }

  /** Journal entries logged and not yet folded (approximately): part of the metering backlog. */
  public long unfoldedJournalEntries() {
    return Math.max(0, unfolded.sum());
  }

  /**
   * Folds the journal entries written since the last fold (and
   * {@link #BACKGROUND_FOLD_OVERLAP_MICROS} before) into the hourly aggregates, each entry deleted
   * in the batch that counts its events. Blocking; the journal thread's periodic fold.
   *
   * @return how many entries were folded
   */
  public synchronized int foldJournal() {
    return fold(Math.max(0, foldedThroughMicros - BACKGROUND_FOLD_OVERLAP_MICROS));
  }

  /** As {@link #foldJournal}, looking {@link #QUERY_FOLD_OVERLAP_MICROS} back: before a query. */
  private synchronized int foldJournalForQuery() {
    return fold(Math.max(0, foldedThroughMicros - QUERY_FOLD_OVERLAP_MICROS));
  }

  /** As {@link #foldJournal}, over the whole journal: at start-up (replay after a crash) and now and then. */
  public synchronized int foldJournalFully() {
    return fold(0);
  }

  private int fold(long fromMicros) {
    byte[] from = utf8("j/" + DecimalKeys.zeroPadded(fromMicros, 16));
    byte[] end = utf8("j0"); // '0' follows '/': the end of the j/ prefix
    int folded = 0;
    while (true) {
      List<UsageEvent> events = new ArrayList<>();
      WriteBatch batch = new WriteBatch();
      int entries = 0;
      byte[] last = null;
      long newest = foldedThroughMicros;
      try (CloseableIterator<Entry> journal = store.scan(Table.USAGE, KeyRange.between(from, end))) {
        while (entries < FOLD_CHUNK && journal.hasNext()) {
          Entry entry = journal.next();
          last = entry.key();
          entries++;
          try {
            events.addAll(UsageEventCodec.decode(entry.value()));
          } catch (IllegalArgumentException e) {
            LOG.error("usage journal entry {} is unreadable; left in place", entry.keyAsString(), e);
            continue;
          }
          batch.delete(Table.USAGE, entry.key());
          newest = Math.max(newest, journalMicros(entry.keyAsString()));
        }
      }
      if (entries == 0) {
        return folded;
      }
      int deleted = batch.size();
      count(events, batch, false, false); // the deletes commit with the counts, atomically
      foldedThroughMicros = newest;
      folded += deleted;
      unfolded.add(-deleted);
      if (entries < FOLD_CHUNK) {
        return folded;
      }
      from = KeyRange.successor(last);
    }
  }

  private static long journalMicros(String key) {
    return Long.parseLong(key.substring(2, 18));
  }

  /** Whether an event recorded directly (its id, in its hour) has been counted. */
  public boolean counted(UsageEvent event) {
    return store.get(Table.USAGE, markerKey(event)).isPresent();
  }

  /** Forgets the ids of events from hours before {@code before}; returns how many were removed. */
  public int pruneMarkers(Instant before) {
    int removed = 0;
    WriteBatch batch = new WriteBatch();
    try (CloseableIterator<Entry> old = store.scan(Table.USAGE, KeyRange.between(utf8("e/"),
        utf8("e/" + hourKey(hourOf(before)))))) {
      while (old.hasNext()) {
        batch.delete(Table.USAGE, old.next().key());
        if (++removed % 10_000 == 0) {
          store.commitUnsynced(batch);
          batch = new WriteBatch();
        }
      }
    }
    if (!batch.isEmpty()) {
      store.commit(batch);
    }
    return removed;
  }

  private static byte[] markerKey(UsageEvent event) {
    return utf8("e/" + hourKey(hourOf(event.time())) + "/" + event.eventId());
  }

  /**
   * Hourly aggregates whose hour starts in {@code [from, to)}, pending journal entries folded first, for one account (or all when
   * {@code accountId} is null) and one meter (or all when null), ordered by account, hour, meter.
   * Blocking (it may write).
   */
  public List<HourlyUsage> hourly(String accountId, Instant from, Instant to, String meter) {
    foldJournalForQuery(); // a reader sees every event logged before it asked
    Instant firstHour = hourOf(from);
    List<HourlyUsage> out = new ArrayList<>();
    KeyRange range = accountId == null
        ? KeyRange.prefix(utf8("h/"))
        : KeyRange.between(utf8("h/" + accountId + "/" + hourKey(firstHour)), utf8("h/" + accountId + "/" + hourKey(to)));
    try (CloseableIterator<Entry> entries = store.scan(Table.USAGE, range)) {
      while (entries.hasNext()) {
        Entry entry = entries.next();
        String[] parts = entry.keyAsString().split("/", 4);
        Instant hour = Instant.ofEpochSecond(Long.parseLong(parts[2]));
        if (hour.isBefore(firstHour) || !hour.isBefore(to) || (meter != null && !meter.equals(parts[3]))) {
          continue;
        }
        out.add(new HourlyUsage(parts[1], parts[3], hour, hour.plus(1, ChronoUnit.HOURS),
            new BigDecimal(new String(entry.value(), StandardCharsets.UTF_8))));
      }
    }
    return out;
  }

  /** The start of the UTC hour containing {@code time}. */
  public static Instant hourOf(Instant time) {
    return time.truncatedTo(ChronoUnit.HOURS);
  }

  private Optional<BigDecimal> read(String key) {
    return store.get(Table.USAGE, utf8(key)).map(v -> new BigDecimal(new String(v, StandardCharsets.UTF_8)));
  }

  static String aggregateKey(String accountId, Instant hour, String meter) {
    return "h/" + accountId + "/" + hourKey(hour) + "/" + meter;
  }

  private static String hourKey(Instant hour) {
    return DecimalKeys.zeroPadded(hour.getEpochSecond(), 12);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
