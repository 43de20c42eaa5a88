package dev.minicloud.controlplane.storage.encryption;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * A storage node's response body seen as plaintext: every buffer passes the blob's cipher, the
 * flow control (pause, resume, fetch) is the source's own, so back-pressure is unchanged.
 */
final class DecryptingStream implements ReadStream<Buffer> {

  private final ReadStream<Buffer> source;
  private final SegmentCipher cipher;

  DecryptingStream(ReadStream<Buffer> source, SegmentCipher cipher) {
    this.source = source;
    this.cipher = cipher;
  }

  @Override
  public ReadStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
    source.exceptionHandler(handler);
    return this;
  }

  @Override
  public ReadStream<Buffer> handler(Handler<Buffer> handler) {
    source.handler(handler == null ? null : buffer -> handler.handle(cipher.apply(buffer)));
    return this;
  }

  @Override
  public ReadStream<Buffer> pause() {
    source.pause();
    return this;
  }

  @Override
  public ReadStream<Buffer> resume() {
    source.resume();
    return this;
  }

  @Override
  public ReadStream<Buffer> fetch(long amount) {
    source.fetch(amount);
    return this;
  }

  @Override
  public ReadStream<Buffer> endHandler(Handler<Void> endHandler) {
    source.endHandler(endHandler);
    return this;
  }
}
