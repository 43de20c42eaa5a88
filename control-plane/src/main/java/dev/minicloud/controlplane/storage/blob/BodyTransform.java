package dev.minicloud.controlplane.storage.blob;

import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/**
 * Turns a request body as received into the object's bytes, piece by piece: the identity for plain
 * bodies, the aws-chunked decoder for streaming uploads. Must never accumulate the body.
 */
public interface BodyTransform {

  /** Consumes one received piece and passes on the decoded bytes it completes (possibly none). */
  void feed(Buffer received, Consumer<Buffer> decoded);

  /** The body ended: verifies it was complete (throws if not) and passes on any last bytes. */
  void finish(Consumer<Buffer> decoded);

  BodyTransform IDENTITY = new BodyTransform() {
    @Override
    public void feed(Buffer received, Consumer<Buffer> decoded) {
      decoded.accept(received);
    }

    @Override
    public void finish(Consumer<Buffer> decoded) {}
  };
}
