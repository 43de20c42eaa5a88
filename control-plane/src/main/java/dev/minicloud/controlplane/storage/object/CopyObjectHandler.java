package dev.minicloud.controlplane.storage.object;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.id.Ids;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.xml.CopyResult;
import dev.minicloud.controlplane.s3.xml.ObjectXmlWriter;
import dev.minicloud.controlplane.storage.blob.BlobClient;
import dev.minicloud.controlplane.storage.blob.BlobCopy;
import dev.minicloud.controlplane.storage.blob.BlobPlacement;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;
import dev.minicloud.controlplane.storage.bucket.BucketPolicyHandlers;
import dev.minicloud.controlplane.storage.bucket.BucketStore;
import dev.minicloud.controlplane.storage.encryption.ServerSideEncryption;
import dev.minicloud.controlplane.storage.integrity.ChecksumAlgorithm;
import dev.minicloud.controlplane.storage.integrity.PayloadDigests;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CopyObject: metadata COPY (default) or REPLACE, tags COPY or REPLACE, x-amz-copy-source-if-*
 * conditions. Copying an object onto itself changes only its metadata and keeps its bytes (that is
 * the only way to change metadata in S3, and it must not cost a copy) unless the copy changes whether
 * they are encrypted; any other copy streams the bytes into a new blob, decrypting an encrypted source
 * and encrypting when the target is (its {@code x-amz-server-side-encryption} or its bucket's default).
 */
public final class CopyObjectHandler implements S3Handler {

  private final BucketAccess access;
  private final BucketStore buckets;
  private final ObjectIndex objects;
  private final BlobPlacement placement;
  private final BlobClient blobs;
  private final ServerSideEncryption sse;
  private final Vertx vertx;
  private final Clock clock;
  private final Ids ids = new Ids();

  public CopyObjectHandler(BucketAccess access, BucketStore buckets, ObjectIndex objects, BlobPlacement placement,
      BlobClient blobs, ServerSideEncryption sse, Vertx vertx, Clock clock) {
    this.access = access;
    this.buckets = buckets;
    this.objects = objects;
    this.placement = placement;
    this.blobs = blobs;
    this.sse = sse;
    this.vertx = vertx;
    this.clock = clock;
  }

  @Override
  public void handle(S3Call call) {
    boolean encrypt = ServerSideEncryption.requested(call, access.writable(call));
    CopySource source = CopySource.resolve(call, buckets, objects);
    ObjectRecord from = source.object();
    boolean replaceMetadata = "REPLACE".equalsIgnoreCase(call.header("x-amz-metadata-directive"));
    boolean replaceTags = "REPLACE".equalsIgnoreCase(call.header("x-amz-tagging-directive"));
    boolean self = source.bucket().equals(call.bucket()) && source.key().equals(call.key());
    // The copy's class is the request's (STANDARD without the header), never the source's, as on S3.
    String storageClass = StorageClass.requested(call.http().headers());
    boolean changesClass = call.header(StorageClass.HEADER) != null
        && !storageClass.equals(StorageClass.of(from.headers()));
    boolean changesEncryption = call.header(ServerSideEncryption.HEADER) != null;
    if (self && !replaceMetadata && !replaceTags && !changesClass && !changesEncryption) {
      throw new ApiException(S3ErrorCode.INVALID_REQUEST, "This copy request is illegal because it is trying to copy an "
          + "object to itself without changing the object's metadata, storage class, website redirect location or "
          + "encryption attributes.");
    }
    Map<String, String> headers = replaceMetadata ? ObjectHeaders.standard(call.http().headers())
        : StorageClass.with(from.headers(), storageClass);
    Map<String, String> userMetadata = replaceMetadata ? ObjectHeaders.userMetadata(call.http().headers())
        : from.userMetadata();
    String acl = BucketPolicyHandlers.cannedAcl(call);
    Map<String, String> tags = replaceTags ? new ObjectTagging().fromHeader(call.header("x-amz-tagging")) : from.tags();
    Future<ObjectRecord> copied;
    // A copy onto itself keeps its bytes unless it changes whether they are encrypted.
    boolean keepBytes = self && encrypt == (from.encryption() != null);
    if (keepBytes) {
      copied = Future.succeededFuture(new ObjectRecord(call.key(), from.size(), from.etag(), clock.instant(), headers,
          userMetadata, from.checksums(), from.checksumType(), tags, from.segments(), from.partSizes(), acl,
          from.encryption()));
    } else {
      List<ChecksumAlgorithm> algorithms = from.checksums().keySet().stream()
          .map(name -> ChecksumAlgorithm.fromAlgorithmName(name).orElseThrow()).toList();
      PayloadDigests digests = PayloadDigests.computing(false, algorithms);
      String blobId = ids.prefixed("o", 32);
      ServerSideEncryption.Copy copy = sse.copy(from.encryption(), encrypt, blobId, digests::update);
      copied = BlobCopy.copy(blobs, from.segments(), 0, from.size() - 1, placement.choose(blobId), blobId,
          copy.pass())
          .map(segment -> {
            PayloadDigests.Result result = digests.finish();
            Map<String, String> checksums = new LinkedHashMap<>();
            for (ChecksumAlgorithm algorithm : result.algorithms()) {
              result.checksumBase64(algorithm).ifPresent(v -> checksums.put(algorithm.algorithmName(), v));
            }
            return new ObjectRecord(call.key(), from.size(), "\"" + result.md5Hex() + "\"", clock.instant(), headers,
                userMetadata, checksums, checksums.isEmpty() ? null : "FULL_OBJECT", tags, List.of(segment), List.of(),
                acl, copy.encryption());
          });
    }
    call.guard(copied.compose(object -> vertx.executeBlocking(() -> objects.replace(call.bucket(), object), false)
        .onSuccess(previous -> {
          if (!keepBytes) {
            previous.ifPresent(old -> old.segments().forEach(blobs::delete));
          }
          ServerSideEncryption.writeHeader(call.response().headers(), object.encryption());
          call.xml(200, ObjectXmlWriter.copyObject(new CopyResult(object.etag(), object.lastModified())));
        })));
  }
}
