package dev.minicloud.storagenode.blob;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/** {@code DELETE /internal/v1/blobs/{blobId}}: {@code 204}, whether or not the blob existed (idempotent). */
public final class DeleteBlobHandler implements Handler<RoutingContext> {

  private final BlobStore store;

  public DeleteBlobHandler(BlobStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void handle(RoutingContext ctx) {
    String blobId = BlobIds.requireValid(ctx.pathParam("blobId"));
    store.delete(blobId)
        .onSuccess(existed -> ctx.response().setStatusCode(204).end())
        .onFailure(ctx::fail);
  }
}
