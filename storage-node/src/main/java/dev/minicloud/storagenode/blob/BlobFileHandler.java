package dev.minicloud.storagenode.blob;

import dev.minicloud.common.error.ApiException;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * {@code GET /internal/v1/blobs/{blobId}/file}: where a file-tier blob lies on this host,
 * {@code {"blobId","path","size"}}, so that a control plane on the same host can send a large read
 * from the page cache to its client with {@code sendfile} instead of having the node stream it
 * over a socket (HDFS calls these short-circuit reads). Answered only on the node's Unix socket,
 * the one transport that proves the caller is on this host; on TCP it is {@code 404 NoSuchBlob}
 * like a blob that is not in a file (a small blob in RocksDB). The caller still needs the operating
 * system's permission to open the file; without it, it streams as before.
 *
 * <p>Telling the path, rather than passing an open descriptor over the socket, keeps this to one
 * JSON answer: a blob file never changes once committed (ids are never reused), so the path names
 * the same bytes or, once deleted, nothing.
 */
public final class BlobFileHandler implements Handler<RoutingContext> {

  private final Vertx vertx;
  private final BlobFiles files;

  public BlobFileHandler(Vertx vertx, BlobFiles files) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.files = Objects.requireNonNull(files, "files");
  }

  @Override
  public void handle(RoutingContext ctx) {
    String blobId = BlobIds.requireValid(ctx.pathParam("blobId"));
    SocketAddress local = ctx.request().localAddress();
    if (local == null || !local.isDomainSocket()) {
      ctx.fail(new ApiException(BlobErrorCode.NO_SUCH_BLOB,
          "Blob files are named only over the node's Unix socket, to a caller on this host."));
      return;
    }
    vertx.executeBlocking(() -> describe(blobId), false)
        .onSuccess(json -> ctx.response().putHeader("content-type", "application/json").end(json.encode()))
        .onFailure(ctx::fail);
  }

  private JsonObject describe(String blobId) throws IOException {
    Path path = files.pathOf(blobId);
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw BlobErrorCode.noSuchBlob(blobId);
    }
    return new JsonObject().put("blobId", blobId).put("path", path.toString()).put("size", attributes.size());
  }
}
