package dev.minicloud.controlplane.metering;

import dev.minicloud.controlplane.metadata.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path of metering and of the audit trail. Two ways in:
 * <ul>
 *   <li>{@link #recordNow}: the caller's thread writes the batch to RocksDB's write-ahead log
 *       itself and returns (about ten microseconds, no thread hand-off). The request hooks use it
 *       before a response goes out: a thread hand-off there made every event loop wait for this
 *       writer thread, which on a busy 2-core machine halved small-GET throughput.</li>
 *   <li>{@link #submit}: queued; one writer thread takes everything queued and writes it as one
 *       batch (for what is recorded after the response, e.g. bytes sent).</li>
 * </ul>
 *
 * <p>Durability: a written batch is in RocksDB's write-ahead log, which RocksDB replays when it
 * opens: it survives a crash of the process (SIGKILL). The writer thread fsyncs the log at least
 * every {@link #SYNC_INTERVAL} while there are unsynced writes (and every synced metadata write in
 * between, such as each PUT's commit, syncs it too), so a power loss can drop at most that window.
 * Waiting for an fsync before every response instead cut small-object GET throughput to a third.
 * {@link #close()} drains the queue and syncs.
 */
public final class UsageJournal implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(UsageJournal.class);
  private static final int MAX_GROUP = 1024;
  /** Longest time a logged batch waits for its fsync. */
  public static final java.time.Duration SYNC_INTERVAL = java.time.Duration.ofMillis(100);

  private record Pending(List<UsageEvent> events, Consumer<WriteBatch> extra, CompletableFuture<Void> done) {}

  private static final Pending STOP = new Pending(List.of(), b -> { }, new CompletableFuture<>());

  private final UsageStore usage;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;
  private final java.util.concurrent.atomic.AtomicBoolean unsyncedDirect = new java.util.concurrent.atomic.AtomicBoolean();

  public UsageJournal(UsageStore usage) {
    this.usage = usage;
    this.writer = new Thread(this::run, "usage-journal");
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues events and extra writes; the future completes once they are in the write-ahead log. */
  public CompletableFuture<Void> submit(List<UsageEvent> events, Consumer<WriteBatch> extra) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new IllegalStateException("usage journal closed"));
      return done;
    }
    queue.add(new Pending(List.copyOf(events), extra, done));
    return done;
  }

  /**
   * Writes events and extra writes to the write-ahead log on the caller's thread; on return they
   * survive a process crash (fsynced within {@link #SYNC_INTERVAL}).
   */
  public void recordNow(List<UsageEvent> events, Consumer<WriteBatch> extra) {
    WriteBatch batch = new WriteBatch();
    extra.accept(batch);
    usage.record(events, batch, false);
    unsyncedDirect.set(true);
  }

  /** Submits and blocks until logged (at most 30 s; a slower disk is a failure). */
  public void submitAndWait(List<UsageEvent> events, Consumer<WriteBatch> extra) {
    try {
      submit(events, extra).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while recording usage", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("usage not recorded", e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("usage not recorded within 30 s", e);
    }
  }

  /** Publishes {@code minicloud.metering.backlog} (an operations metric, not billing). */
  public void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
    io.micrometer.core.instrument.Gauge.builder("minicloud.metering.backlog", this, UsageJournal::backlog)
        .description("Usage and audit submissions waiting for the group commit")
        .register(registry);
  }

  /** Submissions not yet committed: the metering backlog (an operations metric). */
  public int backlog() {
    return queue.size();
  }

  private void run() {
    List<Pending> group = new ArrayList<>();
    boolean stop = false;
    boolean unsynced = false;
    long lastSync = System.nanoTime();
    while (!stop) {
      Pending first;
      try {
        first = queue.poll(SYNC_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (first != null) {
        group.add(first);
        queue.drainTo(group, MAX_GROUP);
        stop = group.remove(STOP);
        if (!group.isEmpty()) {
          unsynced |= commit(group);
        }
        group.clear();
      }
      unsynced |= unsyncedDirect.getAndSet(false);
      if (unsynced && (stop || first == null || System.nanoTime() - lastSync >= SYNC_INTERVAL.toNanos())) {
        unsynced = !sync();
        lastSync = System.nanoTime();
      }
    }
  }

  private boolean sync() {
    try {
      usage.metadata().syncWal();
      return true;
    } catch (RuntimeException e) {
      LOG.error("usage journal could not fsync the write-ahead log", e);
      return false;
    }
  }

  private boolean commit(List<Pending> group) {
    try {
      WriteBatch batch = new WriteBatch();
      List<UsageEvent> events = new ArrayList<>();
      for (Pending p : group) {
        p.extra().accept(batch);
        events.addAll(p.events());
      }
      usage.record(events, batch, false);
      group.forEach(p -> p.done().complete(null));
      return true;
    } catch (RuntimeException e) {
      LOG.error("usage journal commit of {} submissions failed", group.size(), e);
      group.forEach(p -> p.done().completeExceptionally(e));
      return false;
    }
  }

  /** Commits what is queued, then stops the writer. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(STOP);
    try {
      writer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
