package dev.minicloud.controlplane.storage.object;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3Documents;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.xml.S3RequestXmlParser;
import dev.minicloud.controlplane.s3.xml.TagScope;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;
import io.vertx.core.Vertx;

/** PutObjectTagging: replaces the object's tag set (S3's object tag limits apply). */
public final class PutObjectTaggingHandler implements S3Handler {

  private final BucketAccess buckets;
  private final ObjectIndex objects;
  private final Vertx vertx;

  public PutObjectTaggingHandler(BucketAccess buckets, ObjectIndex objects, Vertx vertx) {
    this.buckets = buckets;
    this.objects = objects;
    this.vertx = vertx;
  }

  @Override
  public void handle(S3Call call) {
    buckets.writable(call);
    call.guard(S3Documents.read(call, (in, max) -> S3RequestXmlParser.parseTagging(in, max, TagScope.OBJECT))
        .compose(tags -> vertx.executeBlocking(() -> objects.update(call.bucket(), call.key(),
            o -> o.withTags(Tags.toMap(tags))), false))
        .onSuccess(updated -> {
          if (updated.isEmpty()) {
            call.fail(new ApiException(S3ErrorCode.NO_SUCH_KEY, "The specified key does not exist."));
          } else {
            call.empty(200);
          }
        }));
  }
}
