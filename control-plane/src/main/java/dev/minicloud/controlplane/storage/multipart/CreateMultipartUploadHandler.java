package dev.minicloud.controlplane.storage.multipart;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.id.Ids;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.xml.InitiateMultipartUploadResult;
import dev.minicloud.controlplane.s3.xml.MultipartXmlWriter;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;
import dev.minicloud.controlplane.storage.bucket.BucketPolicyHandlers;
import dev.minicloud.controlplane.storage.bucket.BucketRecord;
import dev.minicloud.controlplane.storage.encryption.ObjectEncryption;
import dev.minicloud.controlplane.storage.encryption.ServerSideEncryption;
import dev.minicloud.controlplane.storage.integrity.ChecksumAlgorithm;
import dev.minicloud.controlplane.storage.object.ObjectHeaders;
import dev.minicloud.controlplane.storage.object.ObjectTagging;
import java.time.Clock;
import java.util.Locale;

/**
 * CreateMultipartUpload: records the future object's headers, metadata, tags and checksum choice
 * (x-amz-checksum-algorithm, x-amz-checksum-type: COMPOSITE by default, FULL_OBJECT for CRCs on
 * request and always for CRC64NVME), whether it is encrypted (x-amz-server-side-encryption or the
 * bucket's default: then every part is) and hands out an upload id.
 */
public final class CreateMultipartUploadHandler implements S3Handler {

  private final BucketAccess buckets;
  private final UploadStore uploads;
  private final Clock clock;
  private final Ids ids = new Ids();

  public CreateMultipartUploadHandler(BucketAccess buckets, UploadStore uploads, Clock clock) {
    this.buckets = buckets;
    this.uploads = uploads;
    this.clock = clock;
  }

  @Override
  public void handle(S3Call call) {
    boolean encrypt = ServerSideEncryption.requested(call, buckets.writable(call));
    String algorithmName = call.header("x-amz-checksum-algorithm");
    String type = call.header("x-amz-checksum-type");
    ChecksumAlgorithm algorithm = null;
    if (algorithmName != null) {
      algorithm = ChecksumAlgorithm.fromAlgorithmName(algorithmName).orElseThrow(() -> new ApiException(
          S3ErrorCode.INVALID_REQUEST, "Checksum algorithm " + algorithmName + " is not supported."));
      if (type == null) {
        type = algorithm == ChecksumAlgorithm.CRC64NVME ? "FULL_OBJECT" : "COMPOSITE";
      }
      type = type.toUpperCase(Locale.ROOT);
      if (type.equals("FULL_OBJECT") && !algorithm.supportsFullObject()
          || type.equals("COMPOSITE") && !algorithm.supportsComposite()
          || !type.equals("FULL_OBJECT") && !type.equals("COMPOSITE")) {
        throw new ApiException(S3ErrorCode.INVALID_REQUEST,
            "The " + type + " checksum type cannot be used with the " + algorithm.algorithmName() + " algorithm.");
      }
    } else if (type != null) {
      throw new ApiException(S3ErrorCode.INVALID_REQUEST, "x-amz-checksum-type requires x-amz-checksum-algorithm.");
    }
    if (BucketRecord.PUBLIC_READ.equals(BucketPolicyHandlers.cannedAcl(call))) {
      throw new ApiException(S3ErrorCode.NOT_IMPLEMENTED, "Canned ACLs on multipart uploads are not supported; "
          + "use PutObjectAcl after completing the upload.");
    }
    String uploadId = ids.prefixed("", 48);
    uploads.create(new UploadRecord(uploadId, call.bucket(), call.key(), clock.instant(),
        call.principal() == null ? "anonymous" : call.principal().accountId(), ObjectHeaders.standard(call.http().headers()),
        ObjectHeaders.userMetadata(call.http().headers()), new ObjectTagging().fromHeader(call.header("x-amz-tagging")),
        algorithm == null ? null : algorithm.algorithmName(), algorithm == null ? null : type,
        encrypt ? ObjectEncryption.AES256 : null));
    if (encrypt) {
      call.response().putHeader(ServerSideEncryption.HEADER, ObjectEncryption.AES256);
    }
    if (algorithm != null) {
      call.response().putHeader("x-amz-checksum-algorithm", algorithm.algorithmName())
          .putHeader("x-amz-checksum-type", type);
    }
    call.xml(200, MultipartXmlWriter.initiateMultipartUpload(
        new InitiateMultipartUploadResult(call.bucket(), call.key(), uploadId)));
  }
}
