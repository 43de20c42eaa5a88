package dev.minicloud.controlplane.storage.object;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;
import io.vertx.core.Vertx;
import java.util.Map;

/** DeleteObjectTagging: removes every tag of the object (204). */
public final class DeleteObjectTaggingHandler implements S3Handler {

  private final BucketAccess buckets;
  private final ObjectIndex objects;
  private final Vertx vertx;

  public DeleteObjectTaggingHandler(BucketAccess buckets, ObjectIndex objects, Vertx vertx) {
    this.buckets = buckets;
    this.objects = objects;
    this.vertx = vertx;
  }

  @Override
  public void handle(S3Call call) {
    buckets.writable(call);
    call.guard(vertx.executeBlocking(() -> objects.update(call.bucket(), call.key(), o -> o.withTags(Map.of())), false)
        .onSuccess(updated -> {
          if (updated.isEmpty()) {
            call.fail(new ApiException(S3ErrorCode.NO_SUCH_KEY, "The specified key does not exist."));
          } else {
            call.empty(204);
          }
        }));
  }
}
