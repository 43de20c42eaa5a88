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
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path of metering and of the audit trail. Three ways in:
 * <ul>
 *   <li>{@link #logNow}: the request path. The caller's thread (an event loop) writes one batch,
 *       a request's usage journal entry ({@link UsageStore#journal}) and its audit record, to
 *       RocksDB's write-ahead log and returns: one log append of a few hundred bytes, no read, no
 *       lock of ours, no thread hand-off (a hand-off there made every event loop wait for this
 *       writer thread, which on a busy 2-core machine halved small-GET throughput). Concurrent
 *       event loops' appends are grouped into one log write by RocksDB's own write queue.</li>
 *   <li>{@link #submit}: queued; one writer thread takes everything queued every
 *       {@link #GROUP_INTERVAL} and writes it as one batch (a group commit, for what is recorded
 *       after the response, e.g. bytes sent; producers do not wake the writer).</li>
 *   <li>{@link #recordNow}: counted into the aggregates at once on the caller's thread (background
 *       producers that are not on an event loop: the instance meter).</li>
 * </ul>
 *
 * <p>The writer thread also folds the request path's journal entries into the hourly aggregates
 * ({@link UsageStore#foldJournal}) every {@link #SYNC_INTERVAL}, so aggregation (reads,
 * read-modify-write of the aggregates, id markers) happens off the request path, batched; and the
 * whole journal every {@link #FULL_FOLD_INTERVAL} and when it starts (after a crash: the entries
 * logged but not folded yet).
 *
 * <p>Durability: a written batch is in RocksDB's write-ahead log, which RocksDB replays when it
 * opens: it survives a crash of the process (SIGKILL). The writer thread fsyncs the log at least
 * every {@link #SYNC_INTERVAL} while there are unsynced writes, so a power loss can drop at most
 * that window. Waiting for an fsync before every response instead cut small-object GET throughput
 * to a third. {@link #close()} drains the queue, folds the journal and syncs.
 */
public final class UsageJournal implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(UsageJournal.class);
  private static final int MAX_GROUP = 1024;
  /** Longest time a logged batch waits for its fsync. */
  public static final java.time.Duration SYNC_INTERVAL = java.time.Duration.ofMillis(100);
  /** Longest time a queued submission waits for the writer thread to write it. */
  public static final java.time.Duration GROUP_INTERVAL = java.time.Duration.ofMillis(5);
  /** How often the whole journal is folded, for an entry stamped out of order (a clock step back). */
  public static final java.time.Duration FULL_FOLD_INTERVAL = java.time.Duration.ofMinutes(1);

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
   * Counts events (and commits the extra writes with them) on the caller's thread; on return they
   * are in the write-ahead log and survive a process crash (fsynced within {@link #SYNC_INTERVAL}).
   * Reads and updates the aggregates: not for an event loop.
   */
  public void recordNow(List<UsageEvent> events, Consumer<WriteBatch> extra) {
    WriteBatch batch = new WriteBatch();
    extra.accept(batch);
    usage.record(events, batch, false);
    unsyncedDirect.set(true);
  }

  /**
   * Writes {@code batch} (puts only: journal entries, audit records) to the write-ahead log on the
   * caller's thread; on return it survives a process crash (fsynced within {@link #SYNC_INTERVAL}).
   */
  public void logNow(WriteBatch batch) {
    usage.metadata().commitUnsynced(batch);
    unsyncedDirect.set(true);
  }

  /**
   * {@link #logNow} when {@code beforeReturning}, else queued for the writer thread without waiting
   * (failures are logged): the request hook's one switch ({@link MeteringOptions#logBeforeResponse}).
   */
  public void log(boolean beforeReturning, WriteBatch batch) {
    if (beforeReturning) {
      logNow(batch);
    } else {
      submit(List.of(), target -> target.addAll(batch)).whenComplete((ok, failure) -> {
        if (failure != null) {
          LOG.error("usage journal: records lost", failure);
        }
      });
    }
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
        .description("Usage and audit submissions waiting for the group commit or the fold into hourly usage")
        .register(registry);
  }

  /** Submissions not yet committed plus journal entries not yet folded: the metering backlog. */
  public long backlog() {
    return queue.size() + usage.unfoldedJournalEntries();
  }

  private void run() {
    List<Pending> group = new ArrayList<>();
    boolean stop = false;
    boolean unsynced = fold(true); // entries a crash left unfolded
    long lastCycle = System.nanoTime();
    long lastFullFold = lastCycle;
    while (!stop) {
      queue.drainTo(group, MAX_GROUP);
      stop = group.remove(STOP);
      if (!group.isEmpty()) {
        unsynced |= commit(group);
        group.clear();
      }
      if (!stop && queue.isEmpty()) {
        // Producers never wake this thread (no futex wake-up and context switch per request): it
        // looks every GROUP_INTERVAL, so what is queued waits at most that long.
        long untilCycle = SYNC_INTERVAL.toNanos() - (System.nanoTime() - lastCycle);
        LockSupport.parkNanos(Math.max(1, Math.min(GROUP_INTERVAL.toNanos(), untilCycle)));
        if (Thread.interrupted()) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      long now = System.nanoTime();
      if (!stop && now - lastCycle < SYNC_INTERVAL.toNanos()) {
        continue; // fold and fsync once per interval, not per group
      }
      lastCycle = now;
      boolean full = stop || now - lastFullFold >= FULL_FOLD_INTERVAL.toNanos();
      if (full) {
        lastFullFold = now;
      }
      unsynced |= unsyncedDirect.getAndSet(false); // before folding: the fold's own write is synced below
      unsynced |= fold(full);
      if (unsynced) {
        unsynced = !sync();
      }
    }
  }

  /** Folds journal entries into the aggregates; whether anything was written. */
  private boolean fold(boolean full) {
    try {
      return (full ? usage.foldJournalFully() : usage.foldJournal()) > 0;
    } catch (RuntimeException e) {
      LOG.error("usage journal could not fold logged usage into the hourly aggregates (retried)", e);
      return false;
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
    LockSupport.unpark(writer);
    try {
      writer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
