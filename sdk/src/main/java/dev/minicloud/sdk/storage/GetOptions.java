package dev.minicloud.sdk.storage;

/** Options of a download: a byte range, a progress listener. */
public final class GetOptions {

  private Long first;
  private Long last;
  private TransferListener listener;

  /** Only bytes {@code first} to {@code last}, both included (HTTP {@code Range: bytes=first-last}). */
  public GetOptions range(long first, long last) {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException("invalid range " + first + "-" + last);
    }
    this.first = first;
    this.last = last;
    return this;
  }

  /** Only the bytes from {@code first} to the end. */
  public GetOptions rangeFrom(long first) {
    if (first < 0) {
      throw new IllegalArgumentException("invalid range start " + first);
    }
    this.first = first;
    this.last = null;
    return this;
  }

  /** Progress reporting for downloads to a file. */
  public GetOptions listener(TransferListener listener) {
    this.listener = listener;
    return this;
  }

  /** The Range header value, or null for the whole object. */
  public String rangeHeader() {
    if (first == null) {
      return null;
    }
    return "bytes=" + first + "-" + (last == null ? "" : last);
  }

  /** The {@code listener} setting (see the method of the same name that sets it). */
  public TransferListener listener() {
    return listener;
  }
}
