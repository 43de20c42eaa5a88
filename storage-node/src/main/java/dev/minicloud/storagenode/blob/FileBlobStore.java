package dev.minicloud.storagenode.blob;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * {@link BlobStore} on the local file system: bytes stream into a temp file through a
 * {@link BlobFileWriter} (writes run off the event loop, one at a time); everything else of
 * {@link BlobFiles} (fsync, rename, directory walks) runs on worker threads.
 */
public final class FileBlobStore implements BlobStore {

  /**
   * Bytes an upload may have queued for the file before the sender is paused. Vert.x's default
   * (128 KiB, two chunks) paused the connection after almost every chunk of a large upload.
   */
  private static final int WRITE_QUEUE_BYTES = 4 * 1024 * 1024;

  private final Vertx vertx;
  private final BlobFiles files;
  private final Predicate<String> storedElsewhere;

  /** The only blob store of a node. */
  public FileBlobStore(Vertx vertx, BlobFiles files) {
    this(vertx, files, blobId -> false);
  }

  /**
   * One tier of several: {@code storedElsewhere} (blocking; called on a worker thread while the id
   * is reserved) says whether another tier holds a blob, so that no id is ever stored twice.
   */
  public FileBlobStore(Vertx vertx, BlobFiles files, Predicate<String> storedElsewhere) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.files = Objects.requireNonNull(files, "files");
    this.storedElsewhere = Objects.requireNonNull(storedElsewhere, "storedElsewhere");
  }

  /** {@inheritDoc} The announced size does not matter here: the file grows as the bytes arrive. */
  @Override
  public Future<BlobUpload> create(String blobId, Long announcedSize) {
    Context context = vertx.getOrCreateContext(); // the caller's: the stream answers there
    return vertx.executeBlocking(() -> {
      Path temp = beginWrite(blobId);
      try {
        return new FileUpload(context, blobId, temp, FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
      } catch (IOException | RuntimeException openFailed) {
        files.abort(blobId, temp);
        throw openFailed;
      }
    }, false);
  }

  private Path beginWrite(String blobId) throws IOException {
    Path temp = files.beginWrite(blobId);
    if (storedElsewhere.test(blobId)) {
      files.abort(blobId, temp);
      throw BlobErrorCode.blobExists(blobId);
    }
    return temp;
  }

  @Override
  public Future<OpenBlob> open(String blobId) {
    return vertx.executeBlocking(() -> files.open(blobId), false);
  }

  @Override
  public Future<Boolean> delete(String blobId) {
    return vertx.executeBlocking(() -> files.delete(blobId), false);
  }

  @Override
  public Future<BlobPage> list(String after, int limit) {
    return vertx.executeBlocking(() -> files.list(after, limit), false);
  }

  private final class FileUpload implements BlobUpload {

    private final String blobId;
    private final Path temp;
    private final FileChannel channel;
    private final BlobFileWriter stream;

    FileUpload(Context context, String blobId, Path temp, FileChannel channel) {
      this.blobId = blobId;
      this.temp = temp;
      this.channel = channel;
      this.stream = new BlobFileWriter(vertx, context, channel).setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
    }

    @Override
    public WriteStream<Buffer> stream() {
      return stream;
    }

    @Override
    public Future<Long> commit(Long expectedSize) {
      // end() completes once every written byte has reached the file.
      return stream.end()
          .recover(writeFailed -> abort().transform(ignored -> Future.failedFuture(writeFailed)))
          .compose(written -> vertx.executeBlocking(() -> {
            try {
              channel.close();
            } catch (IOException closeFailed) { // as before: a file that would not close is thrown away
              files.abort(blobId, temp);
              throw closeFailed;
            }
            return files.commit(blobId, temp, expectedSize);
          }, false));
    }

    @Override
    public Future<Void> abort() {
      return vertx.executeBlocking(() -> {
        try {
          channel.close(); // a write still running fails, and no byte goes anywhere once the file is gone
        } finally {
          files.abort(blobId, temp);
        }
        return null;
      }, false);
    }
  }
}
