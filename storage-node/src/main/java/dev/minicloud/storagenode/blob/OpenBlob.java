package dev.minicloud.storagenode.blob;

import java.io.IOException;
import java.nio.channels.FileChannel;

/**
 * A blob opened for reading. Its size is measured on the open file, so a delete that happens
 * meanwhile cannot change what is served (the open file outlives its name). Close it when done.
 */
public record OpenBlob(FileChannel channel, long size) implements AutoCloseable {

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
