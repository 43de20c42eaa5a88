package dev.minicloud.controlplane.storage.object;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.xml.SubresourceXmlWriter;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;

/** GetObjectTagging: the object's tag set (empty when it has none). */
public final class GetObjectTaggingHandler implements S3Handler {

  private final BucketAccess buckets;
  private final ObjectIndex objects;

  public GetObjectTaggingHandler(BucketAccess buckets, ObjectIndex objects) {
    this.buckets = buckets;
    this.objects = objects;
  }

  @Override
  public void handle(S3Call call) {
    buckets.readable(call);
    ObjectRecord object = objects.get(call.bucket(), call.key())
        .orElseThrow(() -> new ApiException(S3ErrorCode.NO_SUCH_KEY, "The specified key does not exist."));
    call.xml(200, SubresourceXmlWriter.tagging(Tags.toList(object.tags())));
  }
}
