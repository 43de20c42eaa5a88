package dev.minicloud.controlplane.storage.object;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.xml.ChecksumType;
import dev.minicloud.controlplane.s3.xml.ObjectAttributes;
import dev.minicloud.controlplane.s3.xml.ObjectXmlWriter;
import dev.minicloud.controlplane.s3.xml.S3Xml;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;
import dev.minicloud.controlplane.storage.multipart.ListPartsHandler;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * GetObjectAttributes ({@code GET /bucket/key?attributes}): the attributes named in
 * {@code x-amz-object-attributes} (ETag, Checksum, ObjectParts, StorageClass, ObjectSize) without
 * the object's bytes. ObjectParts is answered for a multipart object only, paged by
 * {@code x-amz-max-parts} and {@code x-amz-part-number-marker}, with each part's size.
 */
public final class GetObjectAttributesHandler implements S3Handler {

  static final String HEADER = "x-amz-object-attributes";
  private static final Set<String> ATTRIBUTES = Set.of("ETag", "Checksum", "ObjectParts", "StorageClass", "ObjectSize");

  private final BucketAccess buckets;
  private final ObjectIndex objects;

  public GetObjectAttributesHandler(BucketAccess buckets, ObjectIndex objects) {
    this.buckets = buckets;
    this.objects = objects;
  }

  @Override
  public void handle(S3Call call) {
    buckets.readable(call);
    Set<String> asked = asked(call.http().headers().getAll(HEADER));
    int maxParts = ListPartsHandler.bounded(call.header("x-amz-max-parts"), 1000, "x-amz-max-parts");
    int marker = ListPartsHandler.bounded(call.header("x-amz-part-number-marker"), 0, "x-amz-part-number-marker");
    ObjectRecord object = objects.get(call.bucket(), call.key())
        .orElseThrow(() -> new ApiException(S3ErrorCode.NO_SUCH_KEY, "The specified key does not exist."));
    boolean checksums = asked.contains("Checksum") && !object.checksums().isEmpty();
    ObjectAttributes attributes = new ObjectAttributes(
        asked.contains("ETag") ? Optional.of(object.etag()) : Optional.empty(),
        checksums ? Optional.of(ListPartsHandler.checksums(object.checksums())) : Optional.empty(),
        checksums ? Optional.ofNullable(object.checksumType()).map(ChecksumType::valueOf) : Optional.empty(),
        asked.contains("ObjectParts") && !object.partSizes().isEmpty()
            ? Optional.of(parts(object.partSizes(), marker, maxParts)) : Optional.empty(),
        asked.contains("StorageClass") ? Optional.of(StorageClass.of(object.headers())) : Optional.empty(),
        asked.contains("ObjectSize") ? OptionalLong.of(object.size()) : OptionalLong.empty());
    call.response().putHeader("last-modified", S3Xml.httpDate(object.lastModified()));
    call.xml(200, ObjectXmlWriter.objectAttributes(attributes));
  }

  private static Set<String> asked(List<String> headers) {
    Set<String> asked = new HashSet<>();
    for (String header : headers) {
      for (String name : header.split(",")) {
        String attribute = name.trim();
        if (!ATTRIBUTES.contains(attribute)) {
          throw new ApiException(S3ErrorCode.INVALID_ARGUMENT, "Invalid attribute name specified: " + attribute);
        }
        asked.add(attribute);
      }
    }
    if (asked.isEmpty()) {
      throw new ApiException(S3ErrorCode.INVALID_ARGUMENT, HEADER + " must name at least one of " + ATTRIBUTES);
    }
    return asked;
  }

  private static ObjectAttributes.Parts parts(List<Long> sizes, int marker, int maxParts) {
    List<ObjectAttributes.Part> page = new ArrayList<>();
    for (int number = marker + 1; number <= sizes.size() && page.size() < maxParts; number++) {
      page.add(new ObjectAttributes.Part(number, sizes.get(number - 1)));
    }
    int next = page.isEmpty() ? marker : page.get(page.size() - 1).number();
    return new ObjectAttributes.Parts(sizes.size(), marker, next, maxParts, next < sizes.size(), page);
  }
}
