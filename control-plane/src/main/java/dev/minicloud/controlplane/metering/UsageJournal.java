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
 * The write path of metering (and of the audit trail, which shares it): a group commit. Callers
 * submit usage events plus other writes (audit records); one writer thread takes everything queued,
 * commits it as one synced RocksDB batch through {@link UsageStore#record} and completes the
 * callers' futures. Concurrent requests therefore share one fsync instead of paying one each.
 *
 * <p>A caller that must not answer before its usage is durable waits for the future
 * ({@link #submitAndWait}); others just submit. {@link #close()} drains the queue first.
 */
public final class UsageJournal implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(UsageJournal.class);
  private static final int MAX_GROUP = 1024;

  private record Pending(List<UsageEvent> events, Consumer<WriteBatch> extra, CompletableFuture<Void> done) {}

  private static final Pending STOP = new Pending(List.of(), b -> { }, new CompletableFuture<>());

  private final UsageStore usage;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;

  public UsageJournal(UsageStore usage) {
    this.usage = usage;
    this.writer = new Thread(this::run, "usage-journal");
    writer.setDaemon(true);
    writer.start();
  }

  /** Queues events and extra writes; the future completes once they are durable. */
  public CompletableFuture<Void> submit(List<UsageEvent> events, Consumer<WriteBatch> extra) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new IllegalStateException("usage journal closed"));
      return done;
    }
    queue.add(new Pending(List.copyOf(events), extra, done));
    return done;
  }

  /** Submits and blocks until durable (at most 30 s; a slower disk is a failure). */
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
    while (!stop) {
      try {
        group.add(queue.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      queue.drainTo(group, MAX_GROUP);
      stop = group.remove(STOP);
      if (!group.isEmpty()) {
        commit(group);
      }
      group.clear();
    }
  }

  private void commit(List<Pending> group) {
    try {
      WriteBatch batch = new WriteBatch();
      List<UsageEvent> events = new ArrayList<>();
      for (Pending p : group) {
        p.extra().accept(batch);
        events.addAll(p.events());
      }
      usage.record(events, batch);
      group.forEach(p -> p.done().complete(null));
    } catch (RuntimeException e) {
      LOG.error("usage journal commit of {} submissions failed", group.size(), e);
      group.forEach(p -> p.done().completeExceptionally(e));
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
