package dev.minicloud.storagenode.http;

import dev.minicloud.common.cluster.ClusterToken;
import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.id.Ids;
import dev.minicloud.storagenode.blob.BlobFileHandler;
import dev.minicloud.storagenode.blob.BlobFiles;
import dev.minicloud.storagenode.blob.BlobStore;
import dev.minicloud.storagenode.blob.DeleteBlobHandler;
import dev.minicloud.storagenode.blob.GetBlobHandler;
import dev.minicloud.storagenode.blob.ListBlobsHandler;
import dev.minicloud.storagenode.blob.PutBlobHandler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.util.Map;
import java.util.concurrent.Callable;

/** Every route of the storage node's HTTP server, in one place, top to bottom. */
public final class StorageNodeRouter {

  /** Prefix of the cluster-internal API; everything under it needs the cluster token. */
  public static final String INTERNAL_PREFIX = "/internal/v1/";

  private StorageNodeRouter() {}

  public static Router create(Vertx vertx, ClusterToken token, Callable<Map<String, Object>> info, BlobStore blobs,
      BlobFiles files) {
    Router router = Router.router(vertx);
    router.route().handler(new RequestIdHandler(new Ids()));

    // Unauthenticated
    router.get("/health/live").handler(new LiveHandler());

    // Cluster-internal API, for the control plane only
    router.route(INTERNAL_PREFIX + "*").handler(new ClusterTokenHandler(token));
    router.get(INTERNAL_PREFIX + "info").handler(new InfoHandler(info));
    // Object bytes: immutable blobs, streamed in and out (no body handler: bodies are never buffered)
    router.get(INTERNAL_PREFIX + "blobs").handler(new ListBlobsHandler(blobs));
    router.put(INTERNAL_PREFIX + "blobs/:blobId").handler(new PutBlobHandler(blobs));
    router.get(INTERNAL_PREFIX + "blobs/:blobId").handler(new GetBlobHandler(blobs));
    router.get(INTERNAL_PREFIX + "blobs/:blobId/file").handler(new BlobFileHandler(vertx, files));
    router.head(INTERNAL_PREFIX + "blobs/:blobId").handler(new GetBlobHandler(blobs));
    router.delete(INTERNAL_PREFIX + "blobs/:blobId").handler(new DeleteBlobHandler(blobs));

    router.route().last().handler(ctx ->
        JsonErrorHandler.write(ctx, ApiErrorCode.NOT_FOUND, ApiErrorCode.NOT_FOUND.defaultMessage()));
    router.route().failureHandler(new JsonErrorHandler());
    return router;
  }
}
