package dev.minicloud.storagenode.blob;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;

/**
 * {@code GET /internal/v1/blobs?after=<blobId>&limit=<n>}: one page of blobs in ascending id order,
 * {@code {"blobs":[{"blobId","size","modifiedAt"}],"nextAfter":"..."|null}}, for the control
 * plane's garbage collector. {@code limit} defaults to {@value #DEFAULT_LIMIT}; larger values than
 * {@value #MAX_LIMIT} are lowered to it.
 */
public final class ListBlobsHandler implements Handler<RoutingContext> {

  public static final int DEFAULT_LIMIT = 1000;
  public static final int MAX_LIMIT = 10_000;

  private final BlobStore store;

  public ListBlobsHandler(BlobStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public void handle(RoutingContext ctx) {
    String after = ctx.request().getParam("after");
    if (after != null && after.isEmpty()) {
      after = null;
    } else if (after != null) {
      BlobIds.requireValid(after);
    }
    int limit = limit(ctx.request().getParam("limit"));
    store.list(after, limit)
        .onSuccess(page -> {
          JsonArray blobs = new JsonArray();
          for (BlobInfo blob : page.blobs()) {
            blobs.add(new JsonObject()
                .put("blobId", blob.blobId())
                .put("size", blob.size())
                .put("modifiedAt", blob.modifiedAt().toString()));
          }
          ctx.json(new JsonObject().put("blobs", blobs).put("nextAfter", page.nextAfter()));
        })
        .onFailure(ctx::fail);
  }

  private static int limit(String value) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value.trim());
      if (limit >= 1) {
        return Math.min(limit, MAX_LIMIT);
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw new ApiException(ApiErrorCode.VALIDATION_ERROR, "limit must be an integer from 1 to " + MAX_LIMIT + ".");
  }
}
