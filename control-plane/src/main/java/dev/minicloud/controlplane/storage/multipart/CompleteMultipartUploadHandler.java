package dev.minicloud.controlplane.storage.multipart;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3Documents;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.xml.ChecksumType;
import dev.minicloud.controlplane.s3.xml.CompleteMultipartUploadRequest;
import dev.minicloud.controlplane.s3.xml.CompleteMultipartUploadResult;
import dev.minicloud.controlplane.s3.xml.MultipartXmlWriter;
import dev.minicloud.controlplane.s3.xml.S3RequestXmlParser;
import dev.minicloud.controlplane.s3.xml.S3Xml;
import dev.minicloud.controlplane.storage.blob.BlobClient;
import dev.minicloud.controlplane.storage.blob.Segment;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;
import dev.minicloud.controlplane.storage.encryption.ObjectEncryption;
import dev.minicloud.controlplane.storage.encryption.SealedKey;
import dev.minicloud.controlplane.storage.encryption.ServerSideEncryption;
import dev.minicloud.controlplane.storage.integrity.ChecksumAlgorithm;
import dev.minicloud.controlplane.storage.integrity.CompositeChecksum;
import dev.minicloud.controlplane.storage.object.ObjectRecord;
import io.vertx.core.Vertx;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CompleteMultipartUpload: checks the listed parts (InvalidPart, InvalidPartOrder, EntityTooSmall
 * below 5 MiB except the last), then writes the object as a manifest of the parts' blobs — no byte
 * is copied — with ETag {@code "md5(part md5s)-N"} and the upload's composite or full-object
 * checksum, in one atomic metadata write that also removes the upload. Unlisted parts are released.
 */
public final class CompleteMultipartUploadHandler implements S3Handler {

  /** S3's minimum size of every part but the last. */
  static final long MIN_PART_SIZE = 5L * 1024 * 1024;

  private final BucketAccess buckets;
  private final UploadStore uploads;
  private final BlobClient blobs;
  private final Vertx vertx;
  private final Clock clock;

  public CompleteMultipartUploadHandler(BucketAccess buckets, UploadStore uploads, BlobClient blobs, Vertx vertx,
      Clock clock) {
    this.buckets = buckets;
    this.uploads = uploads;
    this.blobs = blobs;
    this.vertx = vertx;
    this.clock = clock;
  }

  @Override
  public void handle(S3Call call) {
    buckets.writable(call);
    UploadRecord upload = uploads.require(call.bucket(), call.key(), call.s3().param("uploadId"));
    call.guard(S3Documents.read(call, S3RequestXmlParser::parseCompleteMultipartUpload)
        .compose(request -> vertx.executeBlocking(() -> complete(upload, request), false))
        .onSuccess(object -> {
          Map<dev.minicloud.controlplane.s3.xml.ChecksumAlgorithm, String> checksums = new LinkedHashMap<>();
          object.checksums().forEach((name, value) ->
              checksums.put(dev.minicloud.controlplane.s3.xml.ChecksumAlgorithm.valueOf(name), value));
          String location = call.http().scheme() + "://" + call.header("host") + "/" + call.bucket() + "/"
              + S3Xml.urlEncode(call.key());
          ServerSideEncryption.writeHeader(call.response().headers(), object.encryption());
          call.xml(200, MultipartXmlWriter.completeMultipartUpload(new CompleteMultipartUploadResult(location,
              call.bucket(), call.key(), object.etag(), checksums,
              Optional.ofNullable(object.checksumType()).map(ChecksumType::valueOf))));
        }));
  }

  private ObjectRecord complete(UploadRecord upload, CompleteMultipartUploadRequest request) {
    List<PartRecord> stored = uploads.allParts(upload.uploadId());
    Map<Integer, PartRecord> byNumber = new HashMap<>();
    stored.forEach(p -> byNumber.put(p.partNumber(), p));
    List<CompleteMultipartUploadRequest.Part> listed = request.parts();
    if (listed.isEmpty()) {
      throw new ApiException(S3ErrorCode.MALFORMED_XML, "You must specify at least one part");
    }
    ChecksumAlgorithm algorithm = upload.checksumAlgorithm() == null ? null
        : ChecksumAlgorithm.fromAlgorithmName(upload.checksumAlgorithm()).orElseThrow();
    List<PartRecord> used = new ArrayList<>();
    int previousNumber = 0;
    for (int i = 0; i < listed.size(); i++) {
      CompleteMultipartUploadRequest.Part wanted = listed.get(i);
      if (wanted.partNumber() <= previousNumber) {
        throw new ApiException(S3ErrorCode.INVALID_PART_ORDER, S3ErrorCode.INVALID_PART_ORDER.defaultMessage());
      }
      previousNumber = wanted.partNumber();
      PartRecord part = byNumber.get(wanted.partNumber());
      if (part == null || !S3Xml.unquoteEtag(part.etag()).equals(S3Xml.unquoteEtag(wanted.etag()))) {
        throw new ApiException(S3ErrorCode.INVALID_PART, S3ErrorCode.INVALID_PART.defaultMessage());
      }
      if (i < listed.size() - 1 && part.size() < MIN_PART_SIZE) {
        throw new ApiException(S3ErrorCode.ENTITY_TOO_SMALL, "Your proposed upload is smaller than the minimum "
            + "allowed size (part " + part.partNumber() + " is " + part.size() + " bytes; the minimum is 5 MiB)");
      }
      if (algorithm != null) {
        String claimed = wanted.checksums().entrySet().stream()
            .filter(e -> e.getKey().name().equals(algorithm.algorithmName())).map(Map.Entry::getValue)
            .findFirst().orElse(null);
        String have = part.checksums().get(algorithm.algorithmName());
        if (have == null || (claimed != null && !claimed.equals(have))) {
          throw new ApiException(S3ErrorCode.INVALID_PART, "The " + algorithm.algorithmName()
              + " checksum of part " + part.partNumber() + " is missing or does not match.");
        }
      }
      used.add(part);
    }
    Map<String, String> checksums = new LinkedHashMap<>();
    if (algorithm != null) {
      if ("FULL_OBJECT".equals(upload.checksumType())) {
        checksums.put(algorithm.algorithmName(), CompositeChecksum.fullObject(algorithm, used.stream()
            .map(p -> CompositeChecksum.Part.ofBase64(algorithm, p.checksums().get(algorithm.algorithmName()), p.size()))
            .toList()));
      } else {
        checksums.put(algorithm.algorithmName(), CompositeChecksum.compositeOfBase64(algorithm,
            used.stream().map(p -> p.checksums().get(algorithm.algorithmName())).toList()));
      }
    }
    long size = used.stream().mapToLong(PartRecord::size).sum();
    List<Segment> segments = used.stream().map(PartRecord::segment).toList();
    ObjectRecord object = new ObjectRecord(upload.key(), size, multipartEtag(used), clock.instant(), upload.headers(),
        upload.userMetadata(), checksums, algorithm == null ? null : upload.checksumType(), upload.tags(), segments,
        used.stream().map(PartRecord::size).toList(), null, encryption(upload, used));
    Optional<ObjectRecord> previous = uploads.complete(upload, object, stored);
    Set<String> kept = used.stream().map(p -> p.segment().blobId()).collect(Collectors.toSet());
    stored.stream().filter(p -> !kept.contains(p.segment().blobId())).forEach(p -> blobs.delete(p.segment()));
    previous.ifPresent(old -> old.segments().forEach(blobs::delete));
    return object;
  }

  /** The parts' data keys, in segment order, when the upload is encrypted; else null (plain). */
  private static ObjectEncryption encryption(UploadRecord upload, List<PartRecord> used) {
    if (upload.serverSideEncryption() == null) {
      return null;
    }
    List<SealedKey> keys = new ArrayList<>();
    for (PartRecord part : used) {
      if (part.sealedKey() == null) {
        throw new IllegalStateException("part " + part.partNumber() + " of encrypted upload " + upload.uploadId()
            + " has no data key");
      }
      keys.add(part.sealedKey());
    }
    return new ObjectEncryption(upload.serverSideEncryption(), keys);
  }

  /** {@code "hex(md5(md5(part1) || md5(part2) || ...))-N"}, as S3 computes multipart ETags. */
  static String multipartEtag(List<PartRecord> parts) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      for (PartRecord part : parts) {
        md5.update(HexFormat.of().parseHex(S3Xml.unquoteEtag(part.etag())));
      }
      return "\"" + HexFormat.of().formatHex(md5.digest()) + "-" + parts.size() + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
