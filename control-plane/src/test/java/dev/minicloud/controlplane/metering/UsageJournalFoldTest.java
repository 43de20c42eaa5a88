package dev.minicloud.controlplane.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.controlplane.metadata.InMemoryMetadataStore;
import dev.minicloud.controlplane.metadata.KeyRange;
import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metadata.Table;
import dev.minicloud.controlplane.metadata.WriteBatch;
import dev.minicloud.controlplane.metadata.rocksdb.RocksMetadataStore;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request path's usage journal ({@link UsageStore#journal}) and its fold into the hourly
 * aggregates: each entry exactly once (also across a crash), in the hour each event happened.
 */
class UsageJournalFoldTest {

  static final String ACCOUNT = "111111111111";
  static final Instant T0 = Instant.parse("2026-12-01T10:15:00Z");

  @TempDir
  Path dir;

  private static void log(MetadataStore store, UsageStore usage, String requestId, UsageEvent... events) {
    WriteBatch batch = new WriteBatch();
    usage.journal(batch, requestId, List.of(events));
    store.commitUnsynced(batch);
  }

  private static UsageEvent request(String requestId, Instant at) {
    return UsageEvent.of(requestId + "/req", ACCOUNT, Meters.REQUESTS_TIER1, at, 1);
  }

  /** Quantity per "meter@hour" straight from the aggregates, without folding first. */
  private static Map<String, BigDecimal> aggregates(MetadataStore store) {
    Map<String, BigDecimal> out = new TreeMap<>();
    try (var entries = store.scan(Table.USAGE, KeyRange.prefix(("h/" + ACCOUNT + "/").getBytes(StandardCharsets.UTF_8)))) {
      while (entries.hasNext()) {
        var entry = entries.next();
        String[] parts = entry.keyAsString().split("/", 4);
        out.put(parts[3] + "@" + Instant.ofEpochSecond(Long.parseLong(parts[2])),
            new BigDecimal(new String(entry.value(), StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  private static long journalEntries(MetadataStore store) {
    long n = 0;
    try (var entries = store.scan(Table.USAGE, KeyRange.prefix("j/".getBytes(StandardCharsets.UTF_8)))) {
      while (entries.hasNext()) {
        entries.next();
        n++;
      }
    }
    return n;
  }

  @Test
  void loggedEventsCountOnceFoldedAndReadersSeeThemWithoutWaiting() {
    InMemoryMetadataStore store = new InMemoryMetadataStore();
    UsageStore usage = new UsageStore(store);
    log(store, usage, "r1", request("r1", T0),
        UsageEvent.of("r1/in", ACCOUNT, Meters.TRANSFER_IN, T0, 4096));
    log(store, usage, "r2", request("r2", T0.plusSeconds(1)));
    assertTrue(aggregates(store).isEmpty(), "logging reads and aggregates nothing");
    assertEquals(2, journalEntries(store));

    List<HourlyUsage> hours = usage.hourly(ACCOUNT, T0, T0.plusSeconds(3600), null); // folds first
    assertEquals(2, hours.size(), hours.toString());
    assertEquals(Map.of("requests.tier1@2026-12-01T10:00:00Z", BigDecimal.valueOf(2),
        "transfer.in.bytes@2026-12-01T10:00:00Z", BigDecimal.valueOf(4096)), aggregates(store));
    assertEquals(0, journalEntries(store), "a folded entry is deleted with the batch that counted it");

    assertEquals(0, usage.foldJournal());
    assertEquals(0, usage.foldJournalFully());
    assertEquals(BigDecimal.valueOf(2), aggregates(store).get("requests.tier1@2026-12-01T10:00:00Z"));
    assertEquals(0, usage.unfoldedJournalEntries());
  }

  @Test
  void eventsLandInTheHourTheyHappenedAcrossBoundariesAndWhenLate() {
    InMemoryMetadataStore store = new InMemoryMetadataStore();
    UsageStore usage = new UsageStore(store);
    Instant hourEnd = Instant.parse("2026-12-01T11:00:00Z");
    log(store, usage, "a", request("a", hourEnd.minusNanos(1)));
    log(store, usage, "b", request("b", hourEnd));
    usage.foldJournal();
    log(store, usage, "late", request("late", T0.minusSeconds(2 * 3600))); // logged after, happened 2 h before
    usage.foldJournal();
    assertEquals(Map.of(
        "requests.tier1@2026-12-01T08:00:00Z", BigDecimal.ONE,
        "requests.tier1@2026-12-01T10:00:00Z", BigDecimal.ONE,
        "requests.tier1@2026-12-01T11:00:00Z", BigDecimal.ONE), aggregates(store));
  }

  @Test
  void aFoldedEntryCountsOnceAndLeavesNoIdMarkerToReadOrKeep() {
    InMemoryMetadataStore store = new InMemoryMetadataStore();
    UsageStore usage = new UsageStore(store);
    log(store, usage, "r1", request("r1", T0));
    log(store, usage, "r1/end", UsageEvent.of("r1/out", ACCOUNT, Meters.TRANSFER_OUT, T0, 4096));
    assertEquals(2, usage.foldJournal());
    assertEquals(0, usage.foldJournal(), "folded entries are gone: a second fold counts nothing again");
    assertEquals(0, usage.foldJournalFully());
    assertEquals(Map.of("requests.tier1@2026-12-01T10:00:00Z", BigDecimal.ONE,
        "transfer.out.bytes@2026-12-01T10:00:00Z", BigDecimal.valueOf(4096)), aggregates(store));
    long markers = 0;
    try (var entries = store.scan(Table.USAGE, KeyRange.prefix("e/".getBytes(StandardCharsets.UTF_8)))) {
      while (entries.hasNext()) {
        entries.next();
        markers++;
      }
    }
    assertEquals(0, markers, "the request path's events leave no id markers");
    assertFalse(usage.counted(request("r1", T0)), "ids of journal events are not remembered");
  }

  @Test
  void aLargeBacklogIsFoldedInChunksWithNothingLeftOver() {
    InMemoryMetadataStore store = new InMemoryMetadataStore();
    UsageStore usage = new UsageStore(store);
    int n = UsageStore.FOLD_CHUNK * 2 + 7;
    for (int i = 0; i < n; i++) {
      log(store, usage, "r" + i, request("r" + i, T0));
    }
    assertEquals(n, usage.unfoldedJournalEntries());
    assertEquals(n, usage.foldJournal());
    assertEquals(BigDecimal.valueOf(n), aggregates(store).get("requests.tier1@2026-12-01T10:00:00Z"));
    assertEquals(0, journalEntries(store));
    assertEquals(0, usage.unfoldedJournalEntries());
  }

  @Test
  void anEntryStampedFarBehindTheNewestIsCaughtByTheFullFold() {
    InMemoryMetadataStore store = new InMemoryMetadataStore();
    UsageStore usage = new UsageStore(store);
    log(store, usage, "new", request("new", T0));
    usage.foldJournal();
    // an entry whose key time is a minute older than what was folded (written late, or a clock step)
    WriteBatch straggler = new WriteBatch();
    straggler.put(Table.USAGE, "j/0000000000000001/old".getBytes(StandardCharsets.UTF_8),
        UsageEventCodec.encode(List.of(request("old", T0))));
    store.commit(straggler);
    usage.foldJournal();
    assertEquals(1, journalEntries(store), "an incremental fold looks only a little behind the newest entry");
    assertEquals(1, usage.foldJournalFully());
    assertEquals(BigDecimal.valueOf(2), aggregates(store).get("requests.tier1@2026-12-01T10:00:00Z"));
  }

  @Test
  void anUnreadableEntryIsLeftInPlaceAndDoesNotStopTheOthers() {
    InMemoryMetadataStore store = new InMemoryMetadataStore();
    UsageStore usage = new UsageStore(store);
    WriteBatch bad = new WriteBatch();
    bad.put(Table.USAGE, "j/0000000000000001/bad".getBytes(StandardCharsets.UTF_8), new byte[] {42});
    store.commit(bad);
    log(store, usage, "good", request("good", T0));
    usage.foldJournalFully();
    assertEquals(BigDecimal.ONE, aggregates(store).get("requests.tier1@2026-12-01T10:00:00Z"));
    assertEquals(1, journalEntries(store));
  }

  @Test
  void entriesLoggedBeforeACrashAreFoldedOnceAfterReopening() throws Exception {
    Path db = dir.resolve("metering");
    Path image = dir.resolve("after-crash");
    // A process that logged requests and died before its journal thread folded the last of them:
    // the files as they are while the store is open (unsynced writes are in the log file, nothing
    // flushed or closed) are what a SIGKILL leaves; RocksDB replays the log when it opens them.
    try (RocksMetadataStore live = RocksMetadataStore.open(db)) {
      UsageStore before = new UsageStore(live);
      for (int i = 0; i < 10; i++) {
        log(live, before, "r" + i, request("r" + i, T0));
      }
      before.foldJournal(); // ten folded before the crash
      for (int i = 10; i < 15; i++) {
        log(live, before, "r" + i, request("r" + i, T0));
      }
      copyTree(db, image);
    }

    try (RocksMetadataStore reopened = RocksMetadataStore.open(image)) {
      UsageStore after = new UsageStore(reopened);
      assertEquals(BigDecimal.valueOf(10), aggregates(reopened).get("requests.tier1@2026-12-01T10:00:00Z"));
      assertEquals(5, after.foldJournalFully(), "the five logged after the last fold");
      assertEquals(0, after.foldJournalFully());
      assertEquals(BigDecimal.valueOf(15), aggregates(reopened).get("requests.tier1@2026-12-01T10:00:00Z"));
      assertFalse(after.hourly(ACCOUNT, T0, T0.plusSeconds(1), null).isEmpty());
    }
  }

  private static void copyTree(Path from, Path to) throws java.io.IOException {
    try (var files = java.nio.file.Files.walk(from)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = to.resolve(from.relativize(file).toString());
        if (java.nio.file.Files.isDirectory(file)) {
          java.nio.file.Files.createDirectories(target);
        } else if (!file.getFileName().toString().equals("LOCK")) {
          java.nio.file.Files.copy(file, target);
        }
      }
    }
  }
}
