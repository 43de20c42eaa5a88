package dev.minicloud.controlplane.s3;

import dev.minicloud.controlplane.s3.xml.SubresourceXmlWriter;
import dev.minicloud.controlplane.storage.blob.BlobClient;
import dev.minicloud.controlplane.storage.blob.BlobPlacement;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;
import dev.minicloud.controlplane.storage.bucket.BucketPolicyHandlers;
import dev.minicloud.controlplane.storage.bucket.BucketStore;
import dev.minicloud.controlplane.storage.bucket.CreateBucketHandler;
import dev.minicloud.controlplane.storage.bucket.DeleteBucketHandler;
import dev.minicloud.controlplane.storage.bucket.GetBucketLocationHandler;
import dev.minicloud.controlplane.storage.bucket.HeadBucketHandler;
import dev.minicloud.controlplane.storage.bucket.ListBucketsHandler;
import dev.minicloud.controlplane.storage.bucket.BucketStatusHandlers;
import dev.minicloud.controlplane.storage.bucket.BucketTaggingHandlers;
import dev.minicloud.controlplane.storage.encryption.BucketEncryptionHandlers;
import dev.minicloud.controlplane.storage.encryption.ServerSideEncryption;
import dev.minicloud.controlplane.storage.multipart.AbortMultipartUploadHandler;
import dev.minicloud.controlplane.storage.multipart.CompleteMultipartUploadHandler;
import dev.minicloud.controlplane.storage.multipart.CreateMultipartUploadHandler;
import dev.minicloud.controlplane.storage.multipart.ListMultipartUploadsHandler;
import dev.minicloud.controlplane.storage.multipart.ListPartsHandler;
import dev.minicloud.controlplane.storage.multipart.UploadPartCopyHandler;
import dev.minicloud.controlplane.storage.multipart.UploadPartHandler;
import dev.minicloud.controlplane.storage.multipart.UploadStore;
import dev.minicloud.controlplane.storage.object.CopyObjectHandler;
import dev.minicloud.controlplane.storage.object.DeleteObjectHandler;
import dev.minicloud.controlplane.storage.object.DeleteObjectTaggingHandler;
import dev.minicloud.controlplane.storage.object.DeleteObjectsHandler;
import dev.minicloud.controlplane.storage.object.GetObjectTaggingHandler;
import dev.minicloud.controlplane.storage.object.PutObjectTaggingHandler;
import dev.minicloud.controlplane.storage.object.GetObjectAttributesHandler;
import dev.minicloud.controlplane.storage.object.GetObjectHandler;
import dev.minicloud.controlplane.storage.object.ListObjectsHandler;
import dev.minicloud.controlplane.storage.object.ObjectIndex;
import dev.minicloud.controlplane.storage.object.ObjectListing;
import dev.minicloud.controlplane.storage.object.PutObjectHandler;
import dev.minicloud.controlplane.storage.object.RestoreObjectHandler;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Every S3 operation's handler, registered in one place, read top to bottom. */
public final class S3Handlers {

  private S3Handlers() {}

  /** The storage feature's parts the handlers share. */
  public record Storage(BucketStore buckets, ObjectIndex objects, UploadStore uploads, BlobPlacement placement,
      BlobClient blobs, ServerSideEncryption sse, String region, Vertx vertx, Clock clock) {}

  public static Map<S3Operation, S3Handler> create(Storage s) {
    BucketAccess access = new BucketAccess(s.buckets());
    ObjectListing listing = new ObjectListing(s.objects());
    GetObjectHandler get = new GetObjectHandler(access, s.objects(), s.blobs(), s.sse());
    ListObjectsHandler list = new ListObjectsHandler(access, listing);

    Map<S3Operation, S3Handler> h = new EnumMap<>(S3Operation.class);
    // Service and buckets
    h.put(S3Operation.LIST_BUCKETS, new ListBucketsHandler(s.buckets()));
    h.put(S3Operation.CREATE_BUCKET, new CreateBucketHandler(s.buckets(), s.region(), s.clock()));
    h.put(S3Operation.HEAD_BUCKET, new HeadBucketHandler(access));
    h.put(S3Operation.DELETE_BUCKET, new DeleteBucketHandler(access, s.buckets(), s.objects()));
    h.put(S3Operation.GET_BUCKET_LOCATION, new GetBucketLocationHandler(access));
    h.put(S3Operation.GET_BUCKET_VERSIONING, BucketStatusHandlers.versioning(access));
    h.put(S3Operation.PUT_BUCKET_VERSIONING, BucketStatusHandlers.putVersioning(access, s.buckets()));
    // Configurations that cannot be set here: read as S3 reads a bucket that never had them
    Map.of(S3Operation.GET_BUCKET_CORS, S3ErrorCode.NO_SUCH_CORS_CONFIGURATION,
        S3Operation.GET_BUCKET_LIFECYCLE, S3ErrorCode.NO_SUCH_LIFECYCLE_CONFIGURATION,
        S3Operation.GET_BUCKET_WEBSITE, S3ErrorCode.NO_SUCH_WEBSITE_CONFIGURATION,
        S3Operation.GET_BUCKET_REPLICATION, S3ErrorCode.REPLICATION_CONFIGURATION_NOT_FOUND,
        S3Operation.GET_OBJECT_LOCK_CONFIGURATION, S3ErrorCode.OBJECT_LOCK_CONFIGURATION_NOT_FOUND,
        S3Operation.GET_PUBLIC_ACCESS_BLOCK, S3ErrorCode.NO_SUCH_PUBLIC_ACCESS_BLOCK_CONFIGURATION,
        S3Operation.GET_BUCKET_OWNERSHIP_CONTROLS, S3ErrorCode.OWNERSHIP_CONTROLS_NOT_FOUND)
        .forEach((operation, notFound) -> h.put(operation, BucketStatusHandlers.neverConfigured(access, notFound)));
    for (S3Operation delete : List.of(S3Operation.DELETE_BUCKET_CORS, S3Operation.DELETE_BUCKET_LIFECYCLE,
        S3Operation.DELETE_BUCKET_WEBSITE, S3Operation.DELETE_BUCKET_REPLICATION,
        S3Operation.DELETE_PUBLIC_ACCESS_BLOCK, S3Operation.DELETE_BUCKET_OWNERSHIP_CONTROLS)) {
      h.put(delete, BucketStatusHandlers.nothingToDelete(access));
    }
    h.put(S3Operation.GET_BUCKET_ACCELERATE, BucketStatusHandlers.defaultConfiguration(access,
        SubresourceXmlWriter.emptyConfiguration("AccelerateConfiguration")));
    h.put(S3Operation.GET_BUCKET_REQUEST_PAYMENT, BucketStatusHandlers.defaultConfiguration(access,
        SubresourceXmlWriter.requestPaymentByOwner()));
    h.put(S3Operation.GET_BUCKET_LOGGING, BucketStatusHandlers.defaultConfiguration(access,
        SubresourceXmlWriter.emptyConfiguration("BucketLoggingStatus")));
    h.put(S3Operation.GET_BUCKET_NOTIFICATION, BucketStatusHandlers.defaultConfiguration(access,
        SubresourceXmlWriter.emptyConfiguration("NotificationConfiguration")));
    // Access control: bucket policies and canned ACLs (enforced by the authorization step, see S3Authorizer)
    h.put(S3Operation.GET_BUCKET_ACL, BucketPolicyHandlers.getAcl(access));
    h.put(S3Operation.PUT_BUCKET_ACL, BucketPolicyHandlers.putAcl(access, s.buckets()));
    h.put(S3Operation.GET_BUCKET_POLICY, BucketPolicyHandlers.get(access));
    h.put(S3Operation.PUT_BUCKET_POLICY, BucketPolicyHandlers.put(access, s.buckets()));
    h.put(S3Operation.DELETE_BUCKET_POLICY, BucketPolicyHandlers.delete(access, s.buckets()));
    h.put(S3Operation.GET_BUCKET_POLICY_STATUS, BucketPolicyHandlers.status(access));
    // Listings
    h.put(S3Operation.LIST_OBJECTS, list);
    h.put(S3Operation.LIST_OBJECTS_V2, list);
    h.put(S3Operation.LIST_OBJECT_VERSIONS, list);
    // Objects
    h.put(S3Operation.PUT_OBJECT, new PutObjectHandler(access, s.objects(), s.placement(), s.blobs(), s.sse(),
        s.vertx(), s.clock()));
    h.put(S3Operation.GET_OBJECT, get);
    h.put(S3Operation.HEAD_OBJECT, get);
    h.put(S3Operation.DELETE_OBJECT, new DeleteObjectHandler(access, s.objects(), s.blobs(), s.vertx()));
    h.put(S3Operation.DELETE_OBJECTS, new DeleteObjectsHandler(access, s.objects(), s.blobs(), s.vertx()));
    h.put(S3Operation.COPY_OBJECT, new CopyObjectHandler(access, s.buckets(), s.objects(), s.placement(), s.blobs(),
        s.sse(), s.vertx(), s.clock()));
    h.put(S3Operation.GET_OBJECT_ATTRIBUTES, new GetObjectAttributesHandler(access, s.objects()));
    h.put(S3Operation.GET_OBJECT_ACL, BucketPolicyHandlers.getObjectAcl(access, s.objects()));
    h.put(S3Operation.PUT_OBJECT_ACL, BucketPolicyHandlers.putObjectAcl(access, s.objects(), s.vertx()));
    // Tags
    h.put(S3Operation.GET_OBJECT_TAGGING, new GetObjectTaggingHandler(access, s.objects()));
    h.put(S3Operation.PUT_OBJECT_TAGGING, new PutObjectTaggingHandler(access, s.objects(), s.vertx()));
    h.put(S3Operation.RESTORE_OBJECT, new RestoreObjectHandler(access, s.objects()));
    h.put(S3Operation.DELETE_OBJECT_TAGGING, new DeleteObjectTaggingHandler(access, s.objects(), s.vertx()));
    h.put(S3Operation.GET_BUCKET_TAGGING, BucketTaggingHandlers.get(access));
    h.put(S3Operation.PUT_BUCKET_TAGGING, BucketTaggingHandlers.put(access, s.buckets()));
    h.put(S3Operation.DELETE_BUCKET_TAGGING, BucketTaggingHandlers.delete(access, s.buckets()));
    // Server-side encryption: the bucket default (per-object choice in PutObject/CopyObject/CreateMultipartUpload)
    h.put(S3Operation.GET_BUCKET_ENCRYPTION, BucketEncryptionHandlers.get(access));
    h.put(S3Operation.PUT_BUCKET_ENCRYPTION, BucketEncryptionHandlers.put(access, s.buckets()));
    h.put(S3Operation.DELETE_BUCKET_ENCRYPTION, BucketEncryptionHandlers.delete(access, s.buckets()));
    // Multipart uploads
    UploadStore uploads = s.uploads();
    h.put(S3Operation.CREATE_MULTIPART_UPLOAD, new CreateMultipartUploadHandler(access, uploads, s.clock()));
    h.put(S3Operation.UPLOAD_PART, new UploadPartHandler(access, uploads, s.placement(), s.blobs(), s.sse(),
        s.vertx(), s.clock()));
    h.put(S3Operation.UPLOAD_PART_COPY, new UploadPartCopyHandler(access, s.buckets(), s.objects(), uploads,
        s.placement(), s.blobs(), s.sse(), s.vertx(), s.clock()));
    h.put(S3Operation.COMPLETE_MULTIPART_UPLOAD, new CompleteMultipartUploadHandler(access, uploads, s.blobs(),
        s.vertx(), s.clock()));
    h.put(S3Operation.ABORT_MULTIPART_UPLOAD, new AbortMultipartUploadHandler(access, uploads, s.blobs(), s.vertx()));
    h.put(S3Operation.LIST_PARTS, new ListPartsHandler(access, uploads));
    h.put(S3Operation.LIST_MULTIPART_UPLOADS, new ListMultipartUploadsHandler(access, uploads));
    return h;
  }
}
