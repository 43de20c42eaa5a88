package dev.minicloud.controlplane.storage.object;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3Documents;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.SmallBody;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;

/**
 * RestoreObject ({@code POST /bucket/key?restore}). MiniCloud has no archive tier ({@link StorageClass}):
 * an object of an archive class reads at once, so it is always "already restored" and the answer is
 * S3's 200 for that case; for any other class S3 refuses a restore with InvalidObjectState, and so
 * does this. The RestoreRequest body is read (bounded) and not used.
 */
public final class RestoreObjectHandler implements S3Handler {

  private final BucketAccess buckets;
  private final ObjectIndex objects;

  public RestoreObjectHandler(BucketAccess buckets, ObjectIndex objects) {
    this.buckets = buckets;
    this.objects = objects;
  }

  @Override
  public void handle(S3Call call) {
    buckets.writable(call);
    call.guard(SmallBody.read(call, S3Documents.MAX_DOCUMENT_BYTES).map(ignored -> {
      ObjectRecord object = objects.get(call.bucket(), call.key())
          .orElseThrow(() -> new ApiException(S3ErrorCode.NO_SUCH_KEY, "The specified key does not exist."));
      if (!StorageClass.archived(StorageClass.of(object.headers()))) {
        throw new ApiException(S3ErrorCode.INVALID_OBJECT_STATE,
            "Restore is not allowed for the object's current storage class");
      }
      call.empty(200);
      return null;
    }));
  }
}
