package dev.minicloud.controlplane.storage.multipart;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.xml.ChecksumAlgorithm;
import dev.minicloud.controlplane.s3.xml.ChecksumType;
import dev.minicloud.controlplane.s3.xml.ListPartsResult;
import dev.minicloud.controlplane.s3.xml.MultipartXmlWriter;
import dev.minicloud.controlplane.s3.xml.Owner;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;
import dev.minicloud.controlplane.storage.object.StorageClass;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** ListParts: an upload's parts in part-number order, paged by max-parts and part-number-marker. */
public final class ListPartsHandler implements S3Handler {

  static final int DEFAULT_MAX_PARTS = 1000;

  private final BucketAccess buckets;
  private final UploadStore uploads;

  public ListPartsHandler(BucketAccess buckets, UploadStore uploads) {
    this.buckets = buckets;
    this.uploads = uploads;
  }

  @Override
  public void handle(S3Call call) {
    buckets.readable(call);
    UploadRecord upload = uploads.require(call.bucket(), call.key(), call.s3().param("uploadId"));
    int maxParts = bounded(call.s3().param("max-parts"), DEFAULT_MAX_PARTS, "max-parts");
    int marker = bounded(call.s3().param("part-number-marker"), 0, "part-number-marker");
    List<PartRecord> page = uploads.parts(upload.uploadId(), marker, maxParts + 1);
    boolean truncated = page.size() > maxParts;
    List<PartRecord> shown = truncated ? page.subList(0, maxParts) : page;
    Owner owner = new Owner(upload.ownerAccountId(), upload.ownerAccountId());
    List<ListPartsResult.Part> parts = shown.stream().map(p -> new ListPartsResult.Part(p.partNumber(),
        p.lastModified(), p.etag(), p.size(), checksums(p.checksums()))).toList();
    call.xml(200, MultipartXmlWriter.listParts(new ListPartsResult(call.bucket(), call.key(), upload.uploadId(),
        owner, owner, StorageClass.of(upload.headers()), marker,
        shown.isEmpty() ? 0 : shown.get(shown.size() - 1).partNumber(),
        maxParts, truncated, Optional.ofNullable(upload.checksumAlgorithm()).map(ChecksumAlgorithm::valueOf),
        Optional.ofNullable(upload.checksumType()).map(ChecksumType::valueOf), parts)));
  }

  /** Stored checksums (keyed by algorithm name) as the XML writers take them. */
  public static Map<ChecksumAlgorithm, String> checksums(Map<String, String> stored) {
    Map<ChecksumAlgorithm, String> out = new LinkedHashMap<>();
    stored.forEach((name, value) -> out.put(ChecksumAlgorithm.valueOf(name), value));
    return out;
  }

  /** A non-negative count parameter, at most 1000; {@code dflt} when absent, InvalidArgument when not a count. */
  public static int bounded(String value, int dflt, String name) {
    if (value == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 0) {
        return Math.min(n, DEFAULT_MAX_PARTS);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ApiException(S3ErrorCode.INVALID_ARGUMENT, "Invalid " + name + ": " + value);
  }
}
