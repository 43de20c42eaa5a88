package dev.minicloud.storagenode.blob;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.file.AsyncFile;
import io.vertx.core.file.OpenOptions;
import io.vertx.core.streams.WriteStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * {@link BlobStore} on the local file system: bytes stream into a temp file through Vert.x's
 * {@link AsyncFile} (writes run off the event loop); everything else of {@link BlobFiles} (fsync,
 * rename, directory walks) runs on worker threads.
 */
public final class FileBlobStore implements BlobStore {

  /**
   * Bytes an upload may have queued for the file before the sender is paused. Vert.x's default
   * (128 KiB, two chunks) paused the connection after almost every chunk of a large upload.
   */
  private static final int WRITE_QUEUE_BYTES = 4 * 1024 * 1024;
  private static final OpenOptions NEW_TEMP_FILE = new OpenOptions().setRead(false).setWrite(true).setCreateNew(true);

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
    return vertx.executeBlocking(() -> beginWrite(blobId), false)
        .compose(temp -> vertx.fileSystem().open(temp.toString(), NEW_TEMP_FILE)
            .<BlobUpload>map(file -> new FileUpload(blobId, temp, file.setWriteQueueMaxSize(WRITE_QUEUE_BYTES)))
            .recover(openFailed -> vertx.<Void>executeBlocking(() -> {
              files.abort(blobId, temp);
              return null;
            }, false).transform(ignored -> Future.failedFuture(openFailed))));
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
    private final AsyncFile file;
    private final EarlyWriteback stream;

    FileUpload(String blobId, Path temp, AsyncFile file) {
      this.blobId = blobId;
      this.temp = temp;
      this.file = file;
      this.stream = new EarlyWriteback(file);
    }

    @Override
    public WriteStream<Buffer> stream() {
      return stream;
    }

    @Override
    public Future<Long> commit(Long expectedSize) {
      // close() completes once every queued write has reached the file.
      return file.close()
          .recover(closeFailed -> vertx.<Void>executeBlocking(() -> {
            files.abort(blobId, temp);
            return null;
          }, false).transform(ignored -> Future.failedFuture(closeFailed)))
          .compose(closed -> vertx.executeBlocking(() -> files.commit(blobId, temp, expectedSize), false));
    }

    @Override
    public Future<Void> abort() {
      return file.close()
          .transform(closed -> vertx.executeBlocking(() -> {
            files.abort(blobId, temp);
            return null;
          }, false));
    }
  }
}
