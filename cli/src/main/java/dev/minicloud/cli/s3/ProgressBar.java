package dev.minicloud.cli.s3;

import dev.minicloud.sdk.storage.TransferListener;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A one-line progress bar on the terminal (bytes, percentage, rate, ETA), redrawn at most ten
 * times a second with a carriage return. Thread-safe: parallel parts report into it.
 */
final class ProgressBar implements TransferListener {

  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final long startNanos = System.nanoTime();
  private final AtomicLong done = new AtomicLong();
  private volatile long total;
  private long lastDraw;
  private int lastWidth;

  ProgressBar(PrintWriter err, long total) {
    this.err = err;
    this.total = total;
  }

  /** The command sets the total up front for all its files; when it could not, the transfer does. */
  @Override
  public void started(long totalBytes) {
    if (total <= 0 && totalBytes > 0) {
      total = totalBytes;
    }
  }

  @Override
  public void transferred(long bytes) {
    done.addAndGet(bytes);
    long now = System.nanoTime();
    synchronized (this) {
      if (now - lastDraw >= REDRAW_NANOS) {
        lastDraw = now;
        draw(now);
      }
    }
  }

  /** Draws the final state and ends the line. */
  synchronized void finish() {
    draw(System.nanoTime());
    err.println();
    err.flush();
  }

  private void draw(long now) {
    long d = done.get();
    double seconds = Math.max(1e-3, (now - startNanos) / 1e9);
    double rate = d / seconds;
    StringBuilder line = new StringBuilder();
    if (total > 0) {
      int pct = (int) Math.min(100, d * 100 / total);
      int filled = pct / 5;
      line.append('[').append("#".repeat(filled)).append(" ".repeat(20 - filled)).append("] ")
          .append(String.format(Locale.ROOT, "%3d%% ", pct))
          .append(human(d)).append(" / ").append(human(total));
      long remaining = Math.max(0, total - d);
      String eta = rate <= 0 ? "--:--" : clock((long) (remaining / rate));
      line.append("  ").append(human((long) rate)).append("/s  ETA ").append(eta);
    } else {
      line.append(human(d)).append("  ").append(human((long) rate)).append("/s");
    }
    int width = line.length();
    if (width < lastWidth) {
      line.append(" ".repeat(lastWidth - width));
    }
    lastWidth = width;
    err.print("\r" + line);
    err.flush();
  }

  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
  }

  private static String clock(long seconds) {
    return seconds >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, (seconds / 60) % 60, seconds % 60)
        : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }
}
