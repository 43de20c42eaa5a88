package dev.minicloud.controlplane.storage.multipart;

import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.xml.ChecksumAlgorithm;
import dev.minicloud.controlplane.s3.xml.ChecksumType;
import dev.minicloud.controlplane.s3.xml.ListMultipartUploadsResult;
import dev.minicloud.controlplane.s3.xml.MultipartXmlWriter;
import dev.minicloud.controlplane.s3.xml.Owner;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;
import dev.minicloud.controlplane.storage.object.StorageClass;
import java.util.List;
import java.util.Optional;

/**
 * ListMultipartUploads: uploads in progress in key order (prefix filter, max-uploads). Markers and
 * delimiter roll-up are not applied yet: every upload under the prefix fits one page in practice.
 */
public final class ListMultipartUploadsHandler implements S3Handler {

  private final BucketAccess buckets;
  private final UploadStore uploads;

  public ListMultipartUploadsHandler(BucketAccess buckets, UploadStore uploads) {
    this.buckets = buckets;
    this.uploads = uploads;
  }

  @Override
  public void handle(S3Call call) {
    buckets.readable(call);
    String prefix = Optional.ofNullable(call.s3().param("prefix")).orElse("");
    int max = ListPartsHandler.bounded(call.s3().param("max-uploads"), 1000, "max-uploads");
    List<UploadRecord> found = uploads.uploads(call.bucket(), prefix, max + 1);
    boolean truncated = found.size() > max;
    List<UploadRecord> shown = truncated ? found.subList(0, max) : found;
    List<ListMultipartUploadsResult.Upload> list = shown.stream().map(u -> {
      Owner owner = new Owner(u.ownerAccountId(), u.ownerAccountId());
      return new ListMultipartUploadsResult.Upload(u.key(), u.uploadId(), owner, owner, StorageClass.of(u.headers()),
          u.initiated(), Optional.ofNullable(u.checksumAlgorithm()).map(ChecksumAlgorithm::valueOf),
          Optional.ofNullable(u.checksumType()).map(ChecksumType::valueOf));
    }).toList();
    UploadRecord last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
    call.xml(200, MultipartXmlWriter.listMultipartUploads(new ListMultipartUploadsResult(call.bucket(),
        Optional.ofNullable(call.s3().param("key-marker")).orElse(""),
        Optional.ofNullable(call.s3().param("upload-id-marker")).orElse(""),
        last == null ? "" : last.key(), last == null ? "" : last.uploadId(),
        Optional.ofNullable(call.s3().param("delimiter")), prefix, max, truncated, list, List.of(),
        "url".equals(call.s3().param("encoding-type")))));
  }
}
