package dev.minicloud.controlplane.storage.object;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3Documents;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.xml.DeleteObjectsRequest;
import dev.minicloud.controlplane.s3.xml.DeleteResult;
import dev.minicloud.controlplane.s3.xml.ObjectXmlWriter;
import dev.minicloud.controlplane.s3.xml.S3RequestXmlParser;
import dev.minicloud.controlplane.storage.blob.BlobClient;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;

/**
 * DeleteObjects: up to 1,000 keys in one request, each deleted (index first, bytes after) and
 * reported on its own; Quiet mode reports only failures. The request must carry an integrity header
 * (Content-MD5 or any x-amz-checksum-*), as S3 requires; modern SDKs send a checksum, not MD5.
 */
public final class DeleteObjectsHandler implements S3Handler {

  private final BucketAccess buckets;
  private final ObjectIndex objects;
  private final BlobClient blobs;
  private final Vertx vertx;

  public DeleteObjectsHandler(BucketAccess buckets, ObjectIndex objects, BlobClient blobs, Vertx vertx) {
    this.buckets = buckets;
    this.objects = objects;
    this.blobs = blobs;
    this.vertx = vertx;
  }

  @Override
  public void handle(S3Call call) {
    buckets.writable(call);
    if (call.header("content-md5") == null && call.http().headers().names().stream()
        .noneMatch(n -> n.toLowerCase(java.util.Locale.ROOT).startsWith("x-amz-checksum-"))) {
      throw new ApiException(S3ErrorCode.INVALID_REQUEST,
          "Missing required header for this request: Content-MD5 or x-amz-checksum-*");
    }
    call.guard(S3Documents.read(call, S3RequestXmlParser::parseDelete)
        .compose(request -> {
          // Each key is authorized on its own (s3:DeleteObject on bucket/key), as S3 does.
          Set<String> denied = new HashSet<>();
          for (DeleteObjectsRequest.ObjectIdentifier id : request.objects()) {
            if (!call.allows("s3:DeleteObject", id.key())) {
              denied.add(id.key());
            }
          }
          return vertx.executeBlocking(() -> deleteAll(call.bucket(), request, denied), false);
        })
        .onSuccess(result -> call.xml(200, ObjectXmlWriter.deleteResult(result))));
  }

  private DeleteResult deleteAll(String bucket, DeleteObjectsRequest request, Set<String> denied) {
    List<DeleteResult.Deleted> deleted = new ArrayList<>();
    List<DeleteResult.Failure> failed = new ArrayList<>();
    for (DeleteObjectsRequest.ObjectIdentifier id : request.objects()) {
      if (denied.contains(id.key())) {
        failed.add(new DeleteResult.Failure(id.key(), id.versionId(), "AccessDenied", "Access Denied"));
        continue;
      }
      if (id.versionId().isPresent() && !id.versionId().get().equals("null")) {
        failed.add(new DeleteResult.Failure(id.key(), id.versionId(), "NoSuchVersion",
            "The specified version does not exist."));
        continue;
      }
      objects.remove(bucket, id.key()).ifPresent(old -> old.segments().forEach(blobs::delete));
      deleted.add(new DeleteResult.Deleted(id.key(), id.versionId(), false, Optional.empty()));
    }
    return new DeleteResult(deleted, failed, request.quiet());
  }
}
