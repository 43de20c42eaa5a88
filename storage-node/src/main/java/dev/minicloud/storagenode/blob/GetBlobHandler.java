package dev.minicloud.storagenode.blob;

import dev.minicloud.common.error.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET} and {@code HEAD /internal/v1/blobs/{blobId}}: the blob, or the single byte range of
 * the {@code Range} header ({@code 206}; {@code 416} with {@code Content-Range: bytes *}{@code /size}
 * when unsatisfiable), the same for both tiers. A file's bytes go to the socket with {@code sendFile}
 * (zero-copy on plain HTTP, chunked reads under TLS), paced by the connection: nothing is buffered
 * whole. A small blob is in memory already (at most {@link SmallBlobStore#MAX_BYTES}): its slice is
 * written at once.
 */
public final class GetBlobHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(GetBlobHandler.class);

  private final BlobStore store;

  public GetBlobHandler(BlobStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void handle(RoutingContext ctx) {
    String blobId = BlobIds.requireValid(ctx.pathParam("blobId"));
    boolean head = ctx.request().method() == HttpMethod.HEAD;
    ByteRange range = ByteRange.parse(ctx.request().getHeader("range"));
    store.open(blobId).onComplete(opened -> {
      if (opened.failed()) {
        ctx.fail(opened.cause());
        return;
      }
      OpenBlob blob = opened.result();
      HttpServerResponse response = ctx.response()
          .putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream")
          .putHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
      ByteRange.Slice slice = new ByteRange.Slice(0, blob.size());
      if (range != null) {
        Optional<ByteRange.Slice> selected = range.resolve(blob.size());
        if (selected.isEmpty()) {
          close(blob);
          response.putHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + blob.size());
          ctx.fail(new ApiException(BlobErrorCode.INVALID_RANGE,
              "Range " + range + " is not satisfiable for a blob of " + blob.size() + " bytes."));
          return;
        }
        slice = selected.get();
        response.setStatusCode(206).putHeader(HttpHeaders.CONTENT_RANGE, slice.contentRange(blob.size()));
      }
      if (head || slice.length() == 0) {
        close(blob);
        response.putHeader(HttpHeaders.CONTENT_LENGTH, Long.toString(slice.length())).end();
        return;
      }
      send(response, blob, slice).onComplete(sent -> {
        close(blob); // the file stays readable until here even if the blob is deleted meanwhile
        if (sent.failed()) {
          LOG.debug("Sending blob {} ended early: {}", blobId, sent.cause().toString());
        }
      });
    });
  }

  private static Future<Void> send(HttpServerResponse response, OpenBlob blob, ByteRange.Slice slice) {
    if (response.closed()) {
      return Future.failedFuture("connection closed before the body");
    }
    try {
      if (blob instanceof OpenBlob.InFile file) {
        return response.sendFile(file.channel(), slice.first(), slice.length());
      }
      OpenBlob.InMemory memory = (OpenBlob.InMemory) blob;
      return response.end(memory.bytes().slice((int) slice.first(), (int) (slice.first() + slice.length())));
    } catch (IllegalStateException closedMeanwhile) {
      return Future.failedFuture(closedMeanwhile);
    }
  }

  private static void close(OpenBlob blob) {
    try {
      blob.close(); // closing a read-only descriptor does not touch the disk
    } catch (IOException e) {
      LOG.warn("Could not close a blob file", e);
    }
  }
}
