package dev.minicloud.controlplane.storage.bucket;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3Documents;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.xml.S3RequestXmlParser;
import dev.minicloud.controlplane.s3.xml.SubresourceXmlWriter;
import dev.minicloud.controlplane.s3.xml.TagScope;
import dev.minicloud.controlplane.storage.object.Tags;
import java.util.Map;

/** Get/Put/DeleteBucketTagging: three one-liners over the bucket record's tag set. */
public final class BucketTaggingHandlers {

  private BucketTaggingHandlers() {}

  /** GetBucketTagging: NoSuchTagSet when the bucket has no tags, as S3 answers. */
  public static S3Handler get(BucketAccess access) {
    return call -> {
      BucketRecord bucket = access.readable(call);
      if (bucket.tags().isEmpty()) {
        throw new ApiException(S3ErrorCode.NO_SUCH_TAG_SET, "The TagSet does not exist");
      }
      call.xml(200, SubresourceXmlWriter.tagging(Tags.toList(bucket.tags())));
    };
  }

  public static S3Handler put(BucketAccess access, BucketStore buckets) {
    return (S3Call call) -> {
      access.writable(call);
      call.guard(S3Documents.read(call, (in, max) -> S3RequestXmlParser.parseTagging(in, max, TagScope.BUCKET))
          .onSuccess(tags -> {
            buckets.update(call.bucket(), b -> b.withTags(Tags.toMap(tags)));
            call.empty(204);
          }));
    };
  }

  public static S3Handler delete(BucketAccess access, BucketStore buckets) {
    return call -> {
      access.writable(call);
      buckets.update(call.bucket(), b -> b.withTags(Map.of()));
      call.empty(204);
    };
  }
}
