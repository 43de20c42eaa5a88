import dev.minicloud.controlplane.audit.AuditLog;
import dev.minicloud.controlplane.audit.AuditRecord;
import dev.minicloud.controlplane.metadata.WriteBatch;
import dev.minicloud.controlplane.metadata.rocksdb.RocksMetadataStore;
import dev.minicloud.controlplane.metering.Meters;
import dev.minicloud.controlplane.metering.UsageEvent;
import dev.minicloud.controlplane.metering.UsageStore;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * CPU time of the metering and audit write path per request, in-process on a real RocksDB, without
 * HTTP: the figure end-to-end runs on a shared 2-core machine cannot resolve. Run by
 * bench/metering-write-path.sh. Two variants, alternating:
 * <ul>
 *   <li>{@code two-writes}: the path before issue 6's last change, as its hooks did it: usage counted
 *       at once ({@code UsageStore.record}: id-marker reads, aggregate read-modify-write, one write),
 *       then the audit record in a second write;</li>
 *   <li>{@code journal}: the current path: the usage journal entry and the audit record in one
 *       write ({@code UsageStore.journal}), plus the journal thread's fold every 200 requests with a
 *       100 ms pause (2,000 requests/s), whose CPU is counted separately.</li>
 * </ul>
 * The events and record are those of a 4 KiB PUT (tier 1 and bytes in); bytes sent after a
 * response take the same path in both and are left out.
 */
public final class MeteringWritePathProbe {

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    int requests = args.length > 0 ? Integer.parseInt(args[0]) : 40_000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    System.out.println("| round | variant | request path, thread CPU µs/request | fold, thread CPU µs/request | total |");
    System.out.println("|---|---|---|---|---|");
    for (int round = 1; round <= rounds; round++) {
      for (String variant : round % 2 == 1 ? List.of("two-writes", "journal") : List.of("journal", "two-writes")) {
        Path dir = Files.createTempDirectory("metering-probe");
        try (RocksMetadataStore store = RocksMetadataStore.open(dir.resolve("metering"))) {
          UsageStore usage = new UsageStore(store);
          AuditLog audit = new AuditLog(store);
          run(variant, usage, audit, store, 20_000, false); // warm-up: JIT
          long[] cpu = run(variant, usage, audit, store, requests, true);
          double path = cpu[0] / 1000.0 / requests;
          double fold = cpu[1] / 1000.0 / requests;
          System.out.printf("| %d | %s | %.1f | %.1f | %.1f |%n", round, variant, path, fold, path + fold);
        }
      }
    }
  }

  /** Returns {request path ns, fold ns} of thread CPU. */
  private static long[] run(String variant, UsageStore usage, AuditLog audit, RocksMetadataStore store, int requests,
      boolean paced) throws InterruptedException {
    long path = 0;
    long fold = 0;
    for (int i = 0; i < requests; i++) {
      String requestId = Long.toHexString(System.nanoTime()).toUpperCase() + i;
      Instant received = Instant.now();
      long t0 = THREADS.getCurrentThreadCpuTime();
      List<UsageEvent> events = List.of(
          UsageEvent.of(requestId + "/req", "123456789012", Meters.REQUESTS_TIER1, received, 1),
          UsageEvent.of(requestId + "/in", "123456789012", Meters.TRANSFER_IN, received, 4096 + 171));
      AuditRecord record = new AuditRecord(Instant.now(), requestId, "123456789012", "root", "AKIAIOSFODNN7EXAMPLE",
          "s3:PutObject", "arn:minicloud:s3:::bench-small/small-" + i, "127.0.0.1",
          "aws-sdk-java/2.40.2 md/io#sync md/http#Apache ua/2.1 os/Linux#6.1 lang/java#17", requestId, 200,
          AuditRecord.SUCCESS, null);
      if (variant.equals("two-writes")) {
        usage.record(events, new WriteBatch(), false);
        WriteBatch auditBatch = new WriteBatch();
        audit.appendTo(auditBatch, record);
        usage.record(List.of(), auditBatch, false);
      } else {
        WriteBatch batch = new WriteBatch();
        usage.journal(batch, requestId, events);
        audit.appendTo(batch, record);
        store.commitUnsynced(batch);
      }
      long t1 = THREADS.getCurrentThreadCpuTime();
      path += t1 - t0;
      if (i % 200 == 199) {
        if (variant.equals("journal")) {
          usage.foldJournal();
          fold += THREADS.getCurrentThreadCpuTime() - t1;
        }
        if (paced) {
          Thread.sleep(100);
        }
      }
    }
    long t1 = THREADS.getCurrentThreadCpuTime();
    usage.foldJournal();
    fold += THREADS.getCurrentThreadCpuTime() - t1;
    return new long[] {path, fold};
  }
}
