package dev.minicloud.controlplane.storage.object;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.S3Operation;
import dev.minicloud.controlplane.s3.xml.ListObjectsResult;
import dev.minicloud.controlplane.s3.xml.ListObjectsV2Result;
import dev.minicloud.controlplane.s3.xml.ListVersionsResult;
import dev.minicloud.controlplane.s3.xml.ListingXmlWriter;
import dev.minicloud.controlplane.s3.xml.ObjectSummary;
import dev.minicloud.controlplane.s3.xml.Owner;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;
import dev.minicloud.controlplane.storage.bucket.BucketRecord;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * ListObjects (v1), ListObjectsV2 and ListObjectVersions: one page of {@link ObjectListing}, written
 * in each variant's XML. Continuation tokens are opaque (base64url of where the page ended), so a
 * token is never handed out twice and never exposes anything the caller could not list.
 */
public final class ListObjectsHandler implements S3Handler {

  static final int DEFAULT_MAX_KEYS = 1000;

  private final BucketAccess buckets;
  private final ObjectListing listing;

  public ListObjectsHandler(BucketAccess buckets, ObjectListing listing) {
    this.buckets = buckets;
    this.listing = listing;
  }

  @Override
  public void handle(S3Call call) {
    BucketRecord bucket = buckets.readable(call);
    String prefix = Optional.ofNullable(call.s3().param("prefix")).orElse("");
    String delimiter = call.s3().param("delimiter");
    int maxKeys = maxKeys(call.s3().param("max-keys"));
    String encoding = call.s3().param("encoding-type");
    if (encoding != null && !encoding.equals("url")) {
      throw new ApiException(S3ErrorCode.INVALID_ARGUMENT, "Invalid Encoding Method specified in Request");
    }
    boolean urlEncoded = "url".equals(encoding);
    Owner owner = new Owner(bucket.ownerAccountId(), bucket.ownerAccountId());
    S3Operation op = call.operation();
    if (op == S3Operation.LIST_OBJECTS_V2) {
      String token = call.s3().param("continuation-token");
      String startAfter = call.s3().param("start-after");
      String after = token != null ? decodeToken(token) : startAfter;
      ObjectListing.Page page = listing.page(bucket.name(), prefix, delimiter, after, maxKeys);
      boolean fetchOwner = "true".equals(call.s3().param("fetch-owner"));
      call.xml(200, ListingXmlWriter.listObjectsV2(new ListObjectsV2Result(bucket.name(), prefix,
          Optional.ofNullable(token), page.truncated() ? Optional.of(encodeToken(page.last().key())) : Optional.empty(),
          maxKeys, Optional.ofNullable(startAfter), Optional.ofNullable(delimiter), page.truncated(),
          summaries(page, fetchOwner ? Optional.of(owner) : Optional.empty()), page.commonPrefixes(), urlEncoded)));
    } else if (op == S3Operation.LIST_OBJECTS) {
      String marker = Optional.ofNullable(call.s3().param("marker")).orElse("");
      ObjectListing.Page page = listing.page(bucket.name(), prefix, delimiter, marker.isEmpty() ? null : marker,
          maxKeys);
      Optional<String> nextMarker = page.truncated() && delimiter != null ? Optional.of(page.last().key())
          : Optional.empty();
      call.xml(200, ListingXmlWriter.listObjects(new ListObjectsResult(bucket.name(), prefix, marker, nextMarker,
          maxKeys, Optional.ofNullable(delimiter), page.truncated(), summaries(page, Optional.of(owner)),
          page.commonPrefixes(), urlEncoded)));
    } else {
      String keyMarker = Optional.ofNullable(call.s3().param("key-marker")).orElse("");
      ObjectListing.Page page = listing.page(bucket.name(), prefix, delimiter,
          keyMarker.isEmpty() ? null : keyMarker, maxKeys);
      List<ListVersionsResult.Entry> entries = page.objects().stream()
          .<ListVersionsResult.Entry>map(o -> new ListVersionsResult.Version(o.key(), ListVersionsResult.NULL_VERSION_ID,
              true, o.lastModified(), o.etag(), checksumAlgorithms(o), Optional.empty(), o.size(),
              StorageClass.of(o.headers()), Optional.of(owner)))
          .toList();
      call.xml(200, ListingXmlWriter.listVersions(new ListVersionsResult(bucket.name(), prefix, keyMarker,
          Optional.ofNullable(call.s3().param("version-id-marker")).orElse(""),
          page.truncated() ? Optional.of(page.last().key()) : Optional.empty(),
          page.truncated() ? Optional.of(ListVersionsResult.NULL_VERSION_ID) : Optional.empty(),
          maxKeys, Optional.ofNullable(delimiter), page.truncated(), entries, page.commonPrefixes(), urlEncoded)));
    }
  }

  private static List<ObjectSummary> summaries(ObjectListing.Page page, Optional<Owner> owner) {
    return page.objects().stream().map(o -> new ObjectSummary(o.key(), o.lastModified(), o.etag(),
        checksumAlgorithms(o), Optional.empty(), o.size(), owner, StorageClass.of(o.headers()))).toList();
  }

  private static List<dev.minicloud.controlplane.s3.xml.ChecksumAlgorithm> checksumAlgorithms(ObjectRecord o) {
    return o.checksums().keySet().stream().map(dev.minicloud.controlplane.s3.xml.ChecksumAlgorithm::valueOf).toList();
  }

  static int maxKeys(String value) {
    if (value == null) {
      return DEFAULT_MAX_KEYS;
    }
    try {
      int n = Integer.parseInt(value.trim());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return Math.min(n, DEFAULT_MAX_KEYS);
    } catch (NumberFormatException e) {
      throw new ApiException(S3ErrorCode.INVALID_ARGUMENT, "Provided max-keys not an integer or within integer range");
    }
  }

  static String encodeToken(String key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  static String decodeToken(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ApiException(S3ErrorCode.INVALID_ARGUMENT, "The continuation token provided is incorrect");
    }
  }
}
