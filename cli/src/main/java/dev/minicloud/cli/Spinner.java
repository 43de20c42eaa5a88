package dev.minicloud.cli;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;

/**
 * A one-line spinner on stderr while something slow runs, redrawn ten times a second; only when
 * the command runs on a terminal (silent when piped or redirected).
 */
public final class Spinner implements AutoCloseable {

  private static final char[] FRAMES = {'|', '/', '-', '\\'};

  private final PrintWriter err;
  private volatile String label;
  private final Thread thread;
  private final long started = System.nanoTime();

  private Spinner(PrintWriter err, String label, boolean active) {
    this.err = err;
    this.label = label;
    this.thread = active ? new Thread(this::spin, "spinner") : null;
    if (thread != null) {
      thread.setDaemon(true);
      thread.start();
    }
  }

  /** Starts a spinner showing {@code label}, when stderr is a terminal. */
  public static Spinner start(CliContext ctx, String label) {
    return new Spinner(ctx.err(), label, System.console() != null);
  }

  /** Changes what the spinner says. */
  public void label(String label) {
    this.label = label;
  }

  private void spin() {
    int frame = 0;
    try {
      while (!Thread.currentThread().isInterrupted()) {
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        synchronized (err) {
          err.print("\r" + FRAMES[frame++ % FRAMES.length] + " " + label + " (" + seconds + "s)");
          err.flush();
        }
        Thread.sleep(100);
      }
    } catch (InterruptedException e) {
      // closing
    }
  }

  @Override
  public void close() {
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      synchronized (err) {
        err.print("\r\033[K");
        err.flush();
      }
    }
  }
}
