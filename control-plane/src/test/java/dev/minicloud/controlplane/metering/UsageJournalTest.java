package dev.minicloud.controlplane.metering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.minicloud.common.testing.Poll;
import dev.minicloud.controlplane.metadata.InMemoryMetadataStore;
import dev.minicloud.controlplane.metadata.KeyRange;
import dev.minicloud.controlplane.metadata.Table;
import dev.minicloud.controlplane.metadata.WriteBatch;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UsageJournalTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:15:00Z");

  @Test
  void concurrentSubmissionsAreAllCommittedOnceWithTheirExtraWrites() throws Exception {
    InMemoryMetadataStore metadata = new InMemoryMetadataStore();
    UsageStore usage = new UsageStore(metadata);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (UsageJournal journal = new UsageJournal(usage)) {
      List<CompletableFuture<Void>> all = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        int n = i;
        all.add(CompletableFuture.runAsync(() -> journal.submitAndWait(
            List.of(UsageEvent.of("r" + (n % 200), "111111111111", Meters.REQUESTS_TIER2, T0, 1)),
            batch -> batch.put(Table.AUDIT, ("k" + n).getBytes(StandardCharsets.UTF_8), new byte[] {1})), pool));
      }
      CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertEquals(BigDecimal.valueOf(200), usage.hourly("111111111111", T0, T0.plusSeconds(1), null).get(0).quantity(),
        "200 distinct ids, each submitted twice");
    for (int i = 0; i < 400; i++) {
      assertEquals(true, metadata.get(Table.AUDIT, ("k" + i).getBytes(StandardCharsets.UTF_8)).isPresent());
    }
  }

  @Test
  void closeCommitsWhatIsQueued() {
    InMemoryMetadataStore metadata = new InMemoryMetadataStore();
    UsageStore usage = new UsageStore(metadata);
    UsageJournal journal = new UsageJournal(usage);
    for (int i = 0; i < 50; i++) {
      journal.submit(List.of(UsageEvent.of("e" + i, "111111111111", Meters.TRANSFER_OUT, T0, 10)), b -> { });
    }
    journal.close();
    assertEquals(BigDecimal.valueOf(500), usage.hourly("111111111111", T0, T0.plusSeconds(1), null).get(0).quantity());
  }

  @Test
  void theWriterFoldsWhatTheRequestPathLogsAndCloseFoldsTheRest() {
    InMemoryMetadataStore metadata = new InMemoryMetadataStore();
    UsageStore usage = new UsageStore(metadata);
    UsageJournal journal = new UsageJournal(usage);
    try {
      for (int i = 0; i < 20; i++) {
        WriteBatch batch = new WriteBatch();
        usage.journal(batch, "req" + i, List.of(UsageEvent.of("req" + i + "/req", "111111111111",
            Meters.REQUESTS_TIER1, T0, 1)));
        batch.put(Table.AUDIT, ("audit" + i).getBytes(StandardCharsets.UTF_8), new byte[] {1});
        journal.logNow(batch);
      }
      assertEquals(true, metadata.get(Table.AUDIT, "audit19".getBytes(StandardCharsets.UTF_8)).isPresent(),
          "the request's other records are written with its usage, at once");
      Poll.until(Duration.ofSeconds(10), "the writer folded the journal",
          () -> journal.backlog() == 0 && journalEmpty(metadata));
      WriteBatch last = new WriteBatch();
      usage.journal(last, "req-last", List.of(UsageEvent.of("req-last/req", "111111111111", Meters.REQUESTS_TIER1, T0, 1)));
      journal.logNow(last);
    } finally {
      journal.close();
    }
    assertEquals(0, usage.unfoldedJournalEntries(), "close folds what is left");
    assertEquals(BigDecimal.valueOf(21), usage.hourly("111111111111", T0, T0.plusSeconds(1), null).get(0).quantity());
  }

  @Test
  void theAsyncModeHandsTheRequestsBatchToTheWriter() {
    InMemoryMetadataStore metadata = new InMemoryMetadataStore();
    UsageStore usage = new UsageStore(metadata);
    UsageJournal journal = new UsageJournal(usage);
    try {
      WriteBatch batch = new WriteBatch();
      usage.journal(batch, "req", List.of(UsageEvent.of("req/req", "111111111111", Meters.REQUESTS_TIER2, T0, 1)));
      batch.put(Table.AUDIT, "audit".getBytes(StandardCharsets.UTF_8), new byte[] {1});
      journal.log(false, batch);
      Poll.until(Duration.ofSeconds(10), "the writer wrote the batch",
          () -> metadata.get(Table.AUDIT, "audit".getBytes(StandardCharsets.UTF_8)).isPresent());
    } finally {
      journal.close();
    }
    assertEquals(BigDecimal.ONE, usage.hourly("111111111111", T0, T0.plusSeconds(1), null).get(0).quantity());
  }

  private static boolean journalEmpty(InMemoryMetadataStore metadata) {
    try (var journal = metadata.scan(Table.USAGE, KeyRange.prefix("j/".getBytes(StandardCharsets.UTF_8)))) {
      return !journal.hasNext();
    }
  }
}
