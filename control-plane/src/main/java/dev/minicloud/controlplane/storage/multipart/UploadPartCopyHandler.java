package dev.minicloud.controlplane.storage.multipart;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.id.Ids;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.xml.CopyResult;
import dev.minicloud.controlplane.s3.xml.MultipartXmlWriter;
import dev.minicloud.controlplane.storage.blob.BlobClient;
import dev.minicloud.controlplane.storage.blob.BlobCopy;
import dev.minicloud.controlplane.storage.blob.BlobPlacement;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;
import dev.minicloud.controlplane.storage.bucket.BucketStore;
import dev.minicloud.controlplane.storage.encryption.ServerSideEncryption;
import dev.minicloud.controlplane.storage.object.CopySource;
import dev.minicloud.controlplane.storage.object.ObjectIndex;
import dev.minicloud.controlplane.storage.object.ObjectRecord;
import dev.minicloud.controlplane.storage.integrity.ChecksumAlgorithm;
import dev.minicloud.controlplane.storage.integrity.PayloadDigests;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * UploadPartCopy: a part made from a byte range ({@code x-amz-copy-source-range: bytes=a-b}) or the
 * whole of an existing object, copied node to node into the part's own blob.
 */
public final class UploadPartCopyHandler implements S3Handler {

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");

  private final BucketAccess buckets;
  private final BucketStore bucketStore;
  private final ObjectIndex objects;
  private final UploadStore uploads;
  private final BlobPlacement placement;
  private final BlobClient blobs;
  private final ServerSideEncryption sse;
  private final Vertx vertx;
  private final Clock clock;
  private final Ids ids = new Ids();

  public UploadPartCopyHandler(BucketAccess buckets, BucketStore bucketStore, ObjectIndex objects, UploadStore uploads,
      BlobPlacement placement, BlobClient blobs, ServerSideEncryption sse, Vertx vertx, Clock clock) {
    this.buckets = buckets;
    this.bucketStore = bucketStore;
    this.objects = objects;
    this.uploads = uploads;
    this.placement = placement;
    this.blobs = blobs;
    this.sse = sse;
    this.vertx = vertx;
    this.clock = clock;
  }

  @Override
  public void handle(S3Call call) {
    buckets.writable(call);
    int partNumber = PartNumbers.parse(call.s3().param("partNumber"));
    UploadRecord upload = uploads.require(call.bucket(), call.key(), call.s3().param("uploadId"));
    ServerSideEncryption.refuseCustomerKeys(call);
    ObjectRecord source = CopySource.resolve(call, bucketStore, objects).object();
    long start = 0;
    long end = source.size() - 1;
    String range = call.header("x-amz-copy-source-range");
    if (range != null) {
      Matcher m = RANGE.matcher(range.trim());
      if (!m.matches()) {
        throw new ApiException(S3ErrorCode.INVALID_ARGUMENT, "The x-amz-copy-source-range value must be of the form bytes=first-last");
      }
      start = Long.parseLong(m.group(1));
      end = Long.parseLong(m.group(2));
      if (start > end || end >= source.size()) {
        throw new ApiException(S3ErrorCode.INVALID_RANGE, "The requested range is not satisfiable");
      }
    }
    List<ChecksumAlgorithm> algorithms = upload.checksumAlgorithm() == null ? List.of()
        : List.of(ChecksumAlgorithm.fromAlgorithmName(upload.checksumAlgorithm()).orElseThrow());
    PayloadDigests digests = PayloadDigests.computing(false, algorithms);
    String blobId = ids.prefixed("p", 32);
    ServerSideEncryption.Copy copy = sse.copy(source.encryption(), upload.serverSideEncryption() != null, blobId,
        digests::update);
    call.guard(BlobCopy.copy(blobs, source.segments(), start, end, placement.choose(blobId), blobId, copy.pass())
        .compose(segment -> {
          PayloadDigests.Result result = digests.finish();
          Map<String, String> checksums = new LinkedHashMap<>();
          for (ChecksumAlgorithm algorithm : result.algorithms()) {
            result.checksumBase64(algorithm).ifPresent(v -> checksums.put(algorithm.algorithmName(), v));
          }
          PartRecord part = new PartRecord(partNumber, "\"" + result.md5Hex() + "\"", segment.size(),
              clock.instant(), segment, checksums, copy.sealedKey());
          return vertx.executeBlocking(() -> uploads.putPart(upload.uploadId(), part), false)
              .onSuccess(previous -> previous.ifPresent(old -> blobs.delete(old.segment())))
              .onFailure(e -> blobs.delete(segment))
              .map(previous -> part);
        })
        .onSuccess(part -> {
          ServerSideEncryption.writeHeader(call.response().headers(), copy.encryption());
          call.xml(200, MultipartXmlWriter.copyPart(new CopyResult(part.etag(), part.lastModified())));
        }));
  }
}
