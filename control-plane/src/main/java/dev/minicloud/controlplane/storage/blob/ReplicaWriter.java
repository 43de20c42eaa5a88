package dev.minicloud.controlplane.storage.blob;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.streams.ReadStream;
import java.util.List;

/**
 * Writes one stream of bytes to every replica's PUT at once, with back-pressure: the source is
 * paused while any replica's write queue is full and resumed when all have drained, so a slow
 * node slows the client instead of filling the control plane's memory.
 */
final class ReplicaWriter {

  private final List<HttpClientRequest> targets;
  private final ReadStream<?> source;

  ReplicaWriter(List<HttpClientRequest> targets, ReadStream<?> source) {
    this.targets = targets;
    this.source = source;
  }

  void write(Buffer buffer) {
    boolean full = false;
    for (HttpClientRequest target : targets) {
      target.write(buffer);
      full |= target.writeQueueFull();
    }
    if (full) {
      source.pause();
      for (HttpClientRequest target : targets) {
        target.drainHandler(v -> {
          if (targets.stream().noneMatch(HttpClientRequest::writeQueueFull)) {
            source.resume();
          }
        });
      }
    }
  }
}
