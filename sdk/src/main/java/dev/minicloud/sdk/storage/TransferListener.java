package dev.minicloud.sdk.storage;

/**
 * Progress of an upload or download. Called from transfer threads (several at once for parallel
 * parts): implementations must be thread-safe and quick.
 */
public interface TransferListener {

  /** The transfer starts; {@code totalBytes} is -1 when unknown (a stream of unknown length). */
  default void started(long totalBytes) {}

  /** {@code bytes} more bytes went over the wire (or were found already uploaded when resuming). */
  void transferred(long bytes);
}
