package dev.minicloud.common.concurrent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A group commit on one thread of its own: writers that each need an fsync before they are answered
 * queue their write here without blocking, and the thread commits whatever was queued since its
 * last commit as one group, so the writers that arrive during one fsync share the next. The servers'
 * stores use it instead of a worker task per write (a worker hand-off, a lock or a database's write
 * queue to wait in, and a wake-up each) for their synced writes.
 *
 * <p>{@code commit} gets each group in submission order and must complete every item itself
 * (typically a future in it), failures included; anything it throws is logged and completes nothing.
 * {@link #close()} commits what was submitted before it, then stops the thread.
 *
 * @param <T> one write, carrying whatever completes its caller
 */
public final class GroupCommitter<T> implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(GroupCommitter.class);
  private static final Object STOP = new Object();

  private final String name;
  private final int maxGroup;
  private final Consumer<List<T>> commit;
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private boolean closed; // guarded by this

  /**
   * Starts the committing thread (a daemon named {@code name}).
   *
   * @param maxGroup most items committed as one group
   */
  public GroupCommitter(String name, int maxGroup, Consumer<List<T>> commit) {
    if (maxGroup < 1) {
      throw new IllegalArgumentException("maxGroup must be positive: " + maxGroup);
    }
    this.name = name;
    this.maxGroup = maxGroup;
    this.commit = commit;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Queues one write; never blocks.
   *
   * @throws IllegalStateException once closed
   */
  public void submit(T item) {
    synchronized (this) { // so nothing lands behind the stop mark
      if (closed) {
        throw new IllegalStateException(name + " is closed");
      }
      queue.add(item);
    }
  }

  @SuppressWarnings("unchecked")
  private void run() {
    List<Object> drained = new ArrayList<>();
    List<T> group = new ArrayList<>();
    while (true) {
      try {
        drained.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(drained, maxGroup - 1);
      boolean stop = false;
      for (Object item : drained) {
        if (item == STOP) {
          stop = true; // the last item: submit refuses anything after it
        } else {
          group.add((T) item);
        }
      }
      drained.clear();
      if (!group.isEmpty()) {
        try {
          commit.accept(group);
        } catch (RuntimeException | Error e) {
          LOG.error("{}: a group commit of {} writes failed unexpectedly", name, group.size(), e);
        }
        group.clear();
      }
      if (stop) {
        return;
      }
    }
  }

  /** Commits what was submitted so far, then stops the thread (waits up to 30 s). Idempotent. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      queue.add(STOP);
    }
    try {
      thread.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
