package dev.minicloud.controlplane.s3.xml;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Writes the bodies of the object listings: ListObjects (v1), ListObjectsV2 and ListObjectVersions.
 *
 * <p>With {@code encoding-type=url} the elements S3 documents as encoded (keys, prefixes,
 * delimiter, markers, start-after; never continuation tokens or version IDs) are written through
 * {@link S3Xml#urlEncode}.
 */
public final class ListingXmlWriter {

  private static final String ENCODING_TYPE_URL = "url";

  private ListingXmlWriter() {}

  /**
   * ListObjects (v1): {@code <ListBucketResult><Name/><Prefix/><Marker/>[<NextMarker/>]<MaxKeys/>}
   * {@code [<Delimiter/>][<EncodingType/>]<IsTruncated/><Contents/>*<CommonPrefixes/>*}.
   */
  public static String listObjects(ListObjectsResult result) {
    UnaryOperator<String> enc = encoder(result.urlEncoded());
    XmlBuilder xml = XmlBuilder.document("ListBucketResult");
    xml.element("Name", result.bucket());
    xml.element("Prefix", enc.apply(result.prefix()));
    xml.element("Marker", enc.apply(result.marker()));
    xml.optional("NextMarker", result.nextMarker().map(enc));
    xml.element("MaxKeys", result.maxKeys());
    writeDelimiterAndEncoding(xml, result.delimiter(), result.urlEncoded(), enc);
    xml.element("IsTruncated", result.truncated());
    writeContents(xml, result.contents(), enc);
    writeCommonPrefixes(xml, result.commonPrefixes(), enc);
    return xml.finish();
  }

  /**
   * ListObjectsV2: {@code <ListBucketResult><Name/><Prefix/>[<ContinuationToken/>]}
   * {@code [<NextContinuationToken/>]<KeyCount/><MaxKeys/>[<StartAfter/>][<Delimiter/>]}
   * {@code [<EncodingType/>]<IsTruncated/><Contents/>*<CommonPrefixes/>*}.
   */
  public static String listObjectsV2(ListObjectsV2Result result) {
    UnaryOperator<String> enc = encoder(result.urlEncoded());
    XmlBuilder xml = XmlBuilder.document("ListBucketResult");
    xml.element("Name", result.bucket());
    xml.element("Prefix", enc.apply(result.prefix()));
    xml.optional("ContinuationToken", result.continuationToken());
    xml.optional("NextContinuationToken", result.nextContinuationToken());
    xml.element("KeyCount", result.keyCount());
    xml.element("MaxKeys", result.maxKeys());
    xml.optional("StartAfter", result.startAfter().map(enc));
    writeDelimiterAndEncoding(xml, result.delimiter(), result.urlEncoded(), enc);
    xml.element("IsTruncated", result.truncated());
    writeContents(xml, result.contents(), enc);
    writeCommonPrefixes(xml, result.commonPrefixes(), enc);
    return xml.finish();
  }

  /**
   * ListObjectVersions: {@code <ListVersionsResult><Name/><Prefix/><KeyMarker/><VersionIdMarker/>}
   * {@code [<NextKeyMarker/>][<NextVersionIdMarker/>]<MaxKeys/>[<Delimiter/>][<EncodingType/>]}
   * {@code <IsTruncated/>(<Version/>|<DeleteMarker/>)*<CommonPrefixes/>*}.
   */
  public static String listVersions(ListVersionsResult result) {
    UnaryOperator<String> enc = encoder(result.urlEncoded());
    XmlBuilder xml = XmlBuilder.document("ListVersionsResult");
    xml.element("Name", result.bucket());
    xml.element("Prefix", enc.apply(result.prefix()));
    xml.element("KeyMarker", enc.apply(result.keyMarker()));
    xml.element("VersionIdMarker", result.versionIdMarker());
    xml.optional("NextKeyMarker", result.nextKeyMarker().map(enc));
    xml.optional("NextVersionIdMarker", result.nextVersionIdMarker());
    xml.element("MaxKeys", result.maxKeys());
    writeDelimiterAndEncoding(xml, result.delimiter(), result.urlEncoded(), enc);
    xml.element("IsTruncated", result.truncated());
    for (ListVersionsResult.Entry entry : result.entries()) {
      if (entry instanceof ListVersionsResult.Version version) {
        xml.start("Version")
            .element("Key", enc.apply(version.key()))
            .element("VersionId", version.versionId())
            .element("IsLatest", version.latest())
            .element("LastModified", version.lastModified())
            .element("ETag", S3Xml.quoteEtag(version.etag()));
        writeChecksumAlgorithms(xml, version.checksumAlgorithms(), version.checksumType());
        xml.element("Size", version.size())
            .element("StorageClass", version.storageClass());
        version.owner().ifPresent(owner -> xml.owner("Owner", owner));
        xml.end();
      } else if (entry instanceof ListVersionsResult.DeleteMarker marker) {
        xml.start("DeleteMarker")
            .element("Key", enc.apply(marker.key()))
            .element("VersionId", marker.versionId())
            .element("IsLatest", marker.latest())
            .element("LastModified", marker.lastModified());
        marker.owner().ifPresent(owner -> xml.owner("Owner", owner));
        xml.end();
      }
    }
    writeCommonPrefixes(xml, result.commonPrefixes(), enc);
    return xml.finish();
  }

  static UnaryOperator<String> encoder(boolean urlEncoded) {
    return urlEncoded ? S3Xml::urlEncode : UnaryOperator.identity();
  }

  static void writeDelimiterAndEncoding(
      XmlBuilder xml, Optional<String> delimiter, boolean urlEncoded, UnaryOperator<String> enc) {
    delimiter.filter(d -> !d.isEmpty()).ifPresent(d -> xml.element("Delimiter", enc.apply(d)));
    if (urlEncoded) {
      xml.element("EncodingType", ENCODING_TYPE_URL);
    }
  }

  static void writeCommonPrefixes(XmlBuilder xml, List<String> prefixes, UnaryOperator<String> enc) {
    for (String prefix : prefixes) {
      xml.start("CommonPrefixes").element("Prefix", enc.apply(prefix)).end();
    }
  }

  private static void writeContents(XmlBuilder xml, List<ObjectSummary> contents, UnaryOperator<String> enc) {
    for (ObjectSummary object : contents) {
      xml.start("Contents")
          .element("Key", enc.apply(object.key()))
          .element("LastModified", object.lastModified())
          .element("ETag", S3Xml.quoteEtag(object.etag()));
      writeChecksumAlgorithms(xml, object.checksumAlgorithms(), object.checksumType());
      xml.element("Size", object.size());
      object.owner().ifPresent(owner -> xml.owner("Owner", owner));
      xml.element("StorageClass", object.storageClass());
      xml.end();
    }
  }

  private static void writeChecksumAlgorithms(
      XmlBuilder xml, List<ChecksumAlgorithm> algorithms, Optional<ChecksumType> type) {
    for (ChecksumAlgorithm algorithm : algorithms) {
      xml.element("ChecksumAlgorithm", algorithm.name());
    }
    type.ifPresent(t -> xml.element("ChecksumType", t.name()));
  }
}
