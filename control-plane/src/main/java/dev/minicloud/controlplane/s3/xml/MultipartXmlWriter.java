package dev.minicloud.controlplane.s3.xml;

import java.util.function.UnaryOperator;

/**
 * Writes the bodies of the multipart upload operations: CreateMultipartUpload,
 * CompleteMultipartUpload, ListMultipartUploads, ListParts and UploadPartCopy.
 */
public final class MultipartXmlWriter {

  private MultipartXmlWriter() {}

  /** {@code <InitiateMultipartUploadResult><Bucket/><Key/><UploadId/></InitiateMultipartUploadResult>}. */
  public static String initiateMultipartUpload(InitiateMultipartUploadResult result) {
    return XmlBuilder.document("InitiateMultipartUploadResult")
        .element("Bucket", result.bucket())
        .element("Key", result.key())
        .element("UploadId", result.uploadId())
        .finish();
  }

  /**
   * {@code <CompleteMultipartUploadResult><Location/><Bucket/><Key/><ETag/>[<ChecksumCRC32/>..]}
   * {@code [<ChecksumType/>]</CompleteMultipartUploadResult>}.
   */
  public static String completeMultipartUpload(CompleteMultipartUploadResult result) {
    XmlBuilder xml = XmlBuilder.document("CompleteMultipartUploadResult")
        .element("Location", result.location())
        .element("Bucket", result.bucket())
        .element("Key", result.key())
        .element("ETag", S3Xml.quoteEtag(result.etag()))
        .checksums(result.checksums());
    result.checksumType().ifPresent(type -> xml.element("ChecksumType", type.name()));
    return xml.finish();
  }

  /**
   * {@code <ListMultipartUploadsResult><Bucket/><KeyMarker/><UploadIdMarker/><NextKeyMarker/>}
   * {@code <NextUploadIdMarker/>[<Delimiter/>]<Prefix/>[<EncodingType/>]<MaxUploads/><IsTruncated/>}
   * {@code <Upload/>*<CommonPrefixes/>*}.
   */
  public static String listMultipartUploads(ListMultipartUploadsResult result) {
    UnaryOperator<String> enc = ListingXmlWriter.encoder(result.urlEncoded());
    XmlBuilder xml = XmlBuilder.document("ListMultipartUploadsResult")
        .element("Bucket", result.bucket())
        .element("KeyMarker", enc.apply(result.keyMarker()))
        .element("UploadIdMarker", result.uploadIdMarker())
        .element("NextKeyMarker", enc.apply(result.nextKeyMarker()))
        .element("NextUploadIdMarker", result.nextUploadIdMarker());
    result.delimiter().filter(d -> !d.isEmpty()).ifPresent(d -> xml.element("Delimiter", enc.apply(d)));
    xml.element("Prefix", enc.apply(result.prefix()));
    if (result.urlEncoded()) {
      xml.element("EncodingType", "url");
    }
    xml.element("MaxUploads", result.maxUploads());
    xml.element("IsTruncated", result.truncated());
    for (ListMultipartUploadsResult.Upload upload : result.uploads()) {
      xml.start("Upload")
          .element("Key", enc.apply(upload.key()))
          .element("UploadId", upload.uploadId())
          .owner("Initiator", upload.initiator())
          .owner("Owner", upload.owner())
          .element("StorageClass", upload.storageClass())
          .element("Initiated", upload.initiated());
      upload.checksumAlgorithm().ifPresent(a -> xml.element("ChecksumAlgorithm", a.name()));
      upload.checksumType().ifPresent(t -> xml.element("ChecksumType", t.name()));
      xml.end();
    }
    ListingXmlWriter.writeCommonPrefixes(xml, result.commonPrefixes(), enc);
    return xml.finish();
  }

  /**
   * {@code <ListPartsResult><Bucket/><Key/><UploadId/><Initiator/><Owner/><StorageClass/>}
   * {@code <PartNumberMarker/><NextPartNumberMarker/><MaxParts/><IsTruncated/>[<ChecksumAlgorithm/>]}
   * {@code [<ChecksumType/>]<Part><PartNumber/><LastModified/><ETag/><Size/>[<ChecksumCRC32/>..]</Part>*}.
   */
  public static String listParts(ListPartsResult result) {
    XmlBuilder xml = XmlBuilder.document("ListPartsResult")
        .element("Bucket", result.bucket())
        .element("Key", result.key())
        .element("UploadId", result.uploadId())
        .owner("Initiator", result.initiator())
        .owner("Owner", result.owner())
        .element("StorageClass", result.storageClass())
        .element("PartNumberMarker", result.partNumberMarker())
        .element("NextPartNumberMarker", result.nextPartNumberMarker())
        .element("MaxParts", result.maxParts())
        .element("IsTruncated", result.truncated());
    result.checksumAlgorithm().ifPresent(a -> xml.element("ChecksumAlgorithm", a.name()));
    result.checksumType().ifPresent(t -> xml.element("ChecksumType", t.name()));
    for (ListPartsResult.Part part : result.parts()) {
      xml.start("Part")
          .element("PartNumber", part.partNumber())
          .element("LastModified", part.lastModified())
          .element("ETag", S3Xml.quoteEtag(part.etag()))
          .element("Size", part.size())
          .checksums(part.checksums())
          .end();
    }
    return xml.finish();
  }

  /** UploadPartCopy: {@code <CopyPartResult><LastModified/><ETag/>[<ChecksumCRC32/>..]</CopyPartResult>}. */
  public static String copyPart(CopyResult result) {
    return XmlBuilder.document("CopyPartResult")
        .element("LastModified", result.lastModified())
        .element("ETag", S3Xml.quoteEtag(result.etag()))
        .checksums(result.checksums())
        .finish();
  }
}
