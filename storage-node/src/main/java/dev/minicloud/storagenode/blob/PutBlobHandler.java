package dev.minicloud.storagenode.blob;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.core.streams.Pipe;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code PUT /internal/v1/blobs/{blobId}}: streams the body (Content-Length or chunked) into a new
 * blob and answers {@code 201 {"blobId","size"}} only once it is durable. A body cut short, a
 * dropped connection or a size other than {@value #EXPECTED_SIZE_HEADER} stores nothing.
 */
public final class PutBlobHandler implements Handler<RoutingContext> {

  /** Optional request header: the body's size in bytes; a body of any other size is refused. */
  public static final String EXPECTED_SIZE_HEADER = "x-minicloud-expected-size";

  private static final Logger LOG = LoggerFactory.getLogger(PutBlobHandler.class);

  private final BlobStore store;

  public PutBlobHandler(BlobStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void handle(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    String blobId = BlobIds.requireValid(ctx.pathParam("blobId"));
    Long contentLength = sizeHeader(request, HttpHeaders.CONTENT_LENGTH.toString());
    Long expectedSize = sizeHeader(request, EXPECTED_SIZE_HEADER);
    if (expectedSize != null && contentLength != null && !expectedSize.equals(contentLength)) {
      throw new ApiException(BlobErrorCode.INCOMPLETE_BODY,
          "Content-Length " + contentLength + " differs from " + EXPECTED_SIZE_HEADER + " " + expectedSize + ".");
    }
    Long announced = expectedSize != null ? expectedSize : contentLength;

    // Pauses the body, synchronously, so no byte is lost while the upload is created. The pipe does not
    // end the upload's stream: the upload ends it on commit or abort. The announced size picks the
    // tier: a small blob's bytes are collected in memory (bounded by that size), others go to a file.
    Pipe<Buffer> pipe = request.pipe().endOnComplete(false);
    store.create(blobId, announced).onComplete(created -> {
      if (created.failed()) {
        pipe.close(); // resumes the body with no handler: Vert.x drains it, the connection stays usable
        ctx.fail(created.cause());
        return;
      }
      BlobUpload upload = created.result();
      if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
        request.response().writeContinue(); // only now: a client that waits sends no bytes for a taken id
      }
      pipe.to(upload.stream()).onComplete(piped -> {
        if (piped.failed()) {
          upload.abort().onFailure(e -> LOG.warn("Could not delete the partial upload of blob {}", blobId, e));
          if (ctx.response().closed()) {
            LOG.debug("Upload of blob {} ended with the connection: {}", blobId, piped.cause().toString());
          } else {
            ctx.fail(piped.cause());
          }
          return;
        }
        upload.commit(announced)
            .onSuccess(size -> ctx.response()
                .setStatusCode(201)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(new JsonObject().put("blobId", blobId).put("size", size).toBuffer()))
            .onFailure(ctx::fail);
      });
    });
  }

  /** A non-negative size header, or null when absent. */
  private static Long sizeHeader(HttpServerRequest request, String name) {
    String value = request.getHeader(name);
    if (value == null) {
      return null;
    }
    try {
      long size = Long.parseLong(value.trim());
      if (size >= 0) {
        return size;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ApiException(ApiErrorCode.VALIDATION_ERROR, name + " must be a non-negative integer.");
  }
}
