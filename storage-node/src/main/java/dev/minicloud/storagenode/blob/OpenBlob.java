package dev.minicloud.storagenode.blob;

import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * A blob opened for reading: either a file (large blobs, sent with {@code sendFile}) or bytes
 * already in memory (small blobs read from RocksDB, at most {@link SmallBlobStore#MAX_BYTES}). Its
 * size is fixed when opened, so a delete that happens meanwhile cannot change what is served. Close
 * it when done.
 */
public sealed interface OpenBlob extends AutoCloseable permits OpenBlob.InFile, OpenBlob.InMemory {

  long size();

  @Override
  void close() throws IOException;

  /** An open blob file; the open file outlives its name. */
  record InFile(FileChannel channel, long size) implements OpenBlob {

    @Override
    public void close() throws IOException {
      channel.close();
    }
  }

  /** A blob's whole bytes, read at once (only small blobs are). */
  record InMemory(Buffer bytes) implements OpenBlob {

    @Override
    public long size() {
      return bytes.length();
    }

    @Override
    public void close() {
      // nothing to release: the buffer is garbage-collected
    }
  }
}
