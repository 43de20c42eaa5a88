package dev.minicloud.controlplane.s3.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectStorageClass;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Object;

class ListingXmlWriterTest {

  private static final Instant T1 = Instant.parse("2009-10-12T17:50:30.123456Z");
  private static final Instant T2 = Instant.parse("2024-02-29T00:00:00Z");
  private static final Owner OWNER = new Owner("75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a", "minicloud");

  /** Keys XML 1.0 can carry as escaped text. */
  private static final List<String> XML_SAFE_KEYS = List.of(
      "a&b<c>d\"e'f", "ünïcødé/日本語/🎉.txt", "line\nbreak", "carriage\rreturn", "tab\there",
      "plus+and space", "percent%20literal", "tilde~star*=?#");
  /** A key with a character XML 1.0 cannot carry at all: only encoding-type=url gets it through. */
  private static final String CONTROL_KEY = "ctrl\u0001char\u001f";

  private final SdkS3Oracle oracle = new SdkS3Oracle();

  private static List<ObjectSummary> summaries(List<String> keys) {
    return keys.stream()
        .sorted()
        .map(k -> new ObjectSummary(k, T1, "fba9dede5f27731c9771645a39863328", 434234))
        .toList();
  }

  private static List<String> keysOf(List<S3Object> contents) {
    return contents.stream().map(S3Object::key).toList();
  }

  private static List<String> prefixesOf(List<CommonPrefix> prefixes) {
    return prefixes.stream().map(CommonPrefix::prefix).toList();
  }

  @Test
  void v1ParsesWithSdkIncludingEscapedKeysAndOwner() {
    List<ObjectSummary> contents = summaries(XML_SAFE_KEYS).stream().map(o -> o.withOwner(OWNER)).toList();
    ListObjectsResult result = new ListObjectsResult("bucket", "", "", Optional.empty(), 1000,
        Optional.empty(), false, contents, List.of(), false);

    ListObjectsResponse r = oracle.respond(ListingXmlWriter.listObjects(result)).s3()
        .listObjects(b -> b.bucket("bucket"));

    assertEquals("bucket", r.name());
    assertEquals("", r.prefix());
    assertEquals("", r.marker());
    assertEquals(1000, r.maxKeys());
    assertFalse(r.isTruncated());
    assertNull(r.delimiter());
    assertNull(r.nextMarker());
    assertEquals(XML_SAFE_KEYS.stream().sorted().toList(), keysOf(r.contents()));
    S3Object first = r.contents().get(0);
    assertEquals(Instant.parse("2009-10-12T17:50:30.123Z"), first.lastModified());
    assertEquals("\"fba9dede5f27731c9771645a39863328\"", first.eTag());
    assertEquals(434234L, first.size());
    assertEquals(ObjectStorageClass.STANDARD, first.storageClass());
    assertEquals(OWNER.id(), first.owner().id());
    assertEquals(OWNER.displayName(), first.owner().displayName());
  }

  @Test
  void v1WithDelimiterTruncatedAndUrlEncodingRoundTripsEveryKeyThroughTheSdk() {
    List<String> keys = Stream.concat(XML_SAFE_KEYS.stream(), Stream.of(CONTROL_KEY)).toList();
    String prefix = "";
    ListObjectsResult result = new ListObjectsResult("bucket", prefix, "mark er+\n", Optional.of("next mark\u0002"),
        2, Optional.of("/"), true, summaries(keys), List.of("ünïcødé/", "dir with space/", "p\u0003/"), true);
    String xml = ListingXmlWriter.listObjects(result);

    Element root = XmlAssertions.parseStrict(xml, "ListBucketResult");
    assertEquals(List.of("Name", "Prefix", "Marker", "NextMarker", "MaxKeys", "Delimiter", "EncodingType",
        "IsTruncated"), XmlAssertions.childNames(root).subList(0, 8));
    assertEquals("mark+er%2B%0A", XmlAssertions.child(root, "Marker").getTextContent());

    ListObjectsResponse r = oracle.respond(xml).s3()
        .listObjects(b -> b.bucket("bucket").delimiter("/").encodingType(EncodingType.URL));

    assertEquals(EncodingType.URL, r.encodingType());
    assertEquals(keys.stream().sorted().toList(), keysOf(r.contents()));
    assertEquals(List.of("ünïcødé/", "dir with space/", "p\u0003/"), prefixesOf(r.commonPrefixes()));
    assertEquals("mark er+\n", r.marker());
    assertEquals("next mark\u0002", r.nextMarker());
    assertEquals("/", r.delimiter());
    assertTrue(r.isTruncated());
  }

  @Test
  void v2ParsesWithSdkWithFetchOwnerTokensAndStartAfter() {
    List<ObjectSummary> contents = List.of(
        new ObjectSummary("photos/2006/a.jpg", T1, "\"quoted-already\"", List.of(ChecksumAlgorithm.CRC32,
            ChecksumAlgorithm.SHA256), Optional.of(ChecksumType.FULL_OBJECT), 1, Optional.of(OWNER), "STANDARD"),
        new ObjectSummary("photos/2006/b.jpg", T2, "abc-2", 0));
    ListObjectsV2Result result = new ListObjectsV2Result("bucket", "photos/", Optional.of("tok/en=="),
        Optional.of("next+token="), 3, Optional.of("photos/"), Optional.of("/"), true, contents,
        List.of("photos/2006/x/"), false);
    String xml = ListingXmlWriter.listObjectsV2(result);

    Element root = XmlAssertions.parseStrict(xml, "ListBucketResult");
    assertEquals(List.of("Name", "Prefix", "ContinuationToken", "NextContinuationToken", "KeyCount", "MaxKeys",
        "StartAfter", "Delimiter", "IsTruncated", "Contents", "Contents", "CommonPrefixes"),
        XmlAssertions.childNames(root));
    assertEquals(List.of("Key", "LastModified", "ETag", "ChecksumAlgorithm", "ChecksumAlgorithm", "ChecksumType",
        "Size", "Owner", "StorageClass"), XmlAssertions.childNames(XmlAssertions.child(root, "Contents")));
    assertTrue(xml.contains("<LastModified>2009-10-12T17:50:30.123Z</LastModified>"), xml);
    assertTrue(xml.contains("<ETag>&quot;quoted-already&quot;</ETag>"), xml);

    ListObjectsV2Response r = oracle.respond(xml).s3()
        .listObjectsV2(b -> b.bucket("bucket").prefix("photos/").delimiter("/").fetchOwner(true));

    assertEquals("bucket", r.name());
    assertEquals("photos/", r.prefix());
    assertEquals("tok/en==", r.continuationToken());
    assertEquals("next+token=", r.nextContinuationToken());
    assertEquals(3, r.keyCount());
    assertEquals(3, r.maxKeys());
    assertEquals("photos/", r.startAfter());
    assertEquals("/", r.delimiter());
    assertTrue(r.isTruncated());
    assertEquals(List.of("photos/2006/a.jpg", "photos/2006/b.jpg"), keysOf(r.contents()));
    S3Object a = r.contents().get(0);
    assertEquals("\"quoted-already\"", a.eTag());
    assertEquals(List.of("CRC32", "SHA256"), a.checksumAlgorithmAsStrings());
    assertEquals("FULL_OBJECT", a.checksumTypeAsString());
    assertEquals(OWNER.id(), a.owner().id());
    assertNull(r.contents().get(1).owner());
    assertEquals("\"abc-2\"", r.contents().get(1).eTag());
    assertEquals(List.of("photos/2006/x/"), prefixesOf(r.commonPrefixes()));
  }

  @Test
  void v2WithUrlEncodingRoundTripsKeysPrefixDelimiterAndStartAfterButNotTokens() {
    List<String> keys = Stream.concat(XML_SAFE_KEYS.stream(), Stream.of(CONTROL_KEY)).toList();
    ListObjectsV2Result result = new ListObjectsV2Result("bucket", "pre fix\n", Optional.of("a+b"),
        Optional.empty(), 1000, Optional.of("after\u0001"), Optional.of("\u0002"), false, summaries(keys),
        List.of("a b\u0002"), true);
    String xml = ListingXmlWriter.listObjectsV2(result);

    XmlAssertions.parseStrict(xml, "ListBucketResult");
    assertTrue(xml.contains("<Prefix>pre+fix%0A</Prefix>"), xml);
    assertTrue(xml.contains("<ContinuationToken>a+b</ContinuationToken>"), xml);
    assertTrue(xml.contains("<Key>ctrl%01char%1F</Key>"), xml);
    assertTrue(xml.contains("<Key>a%26b%3Cc%3Ed%22e%27f</Key>"), xml);
    assertTrue(xml.contains("<Key>%C3%BCn%C3%AFc%C3%B8d%C3%A9/%E6%97%A5%E6%9C%AC%E8%AA%9E/%F0%9F%8E%89.txt</Key>"), xml);
    assertTrue(xml.contains("<EncodingType>url</EncodingType>"), xml);

    ListObjectsV2Response r = oracle.respond(xml).s3()
        .listObjectsV2(b -> b.bucket("bucket").encodingType(EncodingType.URL));

    assertEquals(keys.stream().sorted().toList(), keysOf(r.contents()));
    assertEquals("pre fix\n", r.prefix());
    assertEquals("after\u0001", r.startAfter());
    assertEquals("\u0002", r.delimiter());
    assertEquals("a+b", r.continuationToken());
    assertEquals(List.of("a b\u0002"), prefixesOf(r.commonPrefixes()));
    assertEquals(keys.size() + 1, r.keyCount());
  }

  @Test
  void withoutUrlEncodingAControlCharacterKeyIsUnparseableAsOnS3() {
    ListObjectsV2Result result = new ListObjectsV2Result("bucket", "", Optional.empty(), Optional.empty(), 1000,
        Optional.empty(), Optional.empty(), false, summaries(List.of(CONTROL_KEY)), List.of(), false);
    String xml = ListingXmlWriter.listObjectsV2(result);

    assertTrue(xml.contains("<Key>ctrl&#1;char&#31;</Key>"), xml);
    assertThrows(SdkClientException.class, () -> oracle.respond(xml).s3().listObjectsV2(b -> b.bucket("bucket")));
  }

  @Test
  void emptyDelimiterIsNotWritten() {
    ListObjectsResult result = new ListObjectsResult("bucket", "", "", Optional.empty(), 1000,
        Optional.of(""), false, List.of(), List.of(), false);
    String xml = ListingXmlWriter.listObjects(result);
    assertFalse(xml.contains("Delimiter"), xml);
  }

  @Test
  void versionsOfAnUnversionedBucketAndDeleteMarkersParseWithSdk() {
    List<ListVersionsResult.Entry> entries = List.of(
        ListVersionsResult.Version.unversioned(new ObjectSummary("a&b", T1, "e1", 10), OWNER),
        new ListVersionsResult.DeleteMarker("b\nc", "03jpff543dhffds434rfdsFDN943fdsFkdmqnh892", true, T2,
            Optional.of(OWNER)),
        new ListVersionsResult.Version("b\nc", "3/L4kqtJl40Nr8X8gdRQBpUMLUo", false, T1, "e2",
            List.of(ChecksumAlgorithm.CRC64NVME), Optional.empty(), 20, "STANDARD", Optional.of(OWNER)));
    ListVersionsResult result = new ListVersionsResult("bucket", "", "", "", Optional.of("b\nc"),
        Optional.of("3/L4kqtJl40Nr8X8gdRQBpUMLUo"), 3, Optional.empty(), true, entries, List.of(), false);
    String xml = ListingXmlWriter.listVersions(result);

    Element root = XmlAssertions.parseStrict(xml, "ListVersionsResult");
    assertEquals(List.of("Name", "Prefix", "KeyMarker", "VersionIdMarker", "NextKeyMarker", "NextVersionIdMarker",
        "MaxKeys", "IsTruncated", "Version", "DeleteMarker", "Version"), XmlAssertions.childNames(root));
    assertEquals(List.of("Key", "VersionId", "IsLatest", "LastModified", "ETag", "Size", "StorageClass", "Owner"),
        XmlAssertions.childNames(XmlAssertions.child(root, "Version")));
    assertEquals(List.of("Key", "VersionId", "IsLatest", "LastModified", "Owner"),
        XmlAssertions.childNames(XmlAssertions.child(root, "DeleteMarker")));

    ListObjectVersionsResponse r = oracle.respond(xml).s3().listObjectVersions(b -> b.bucket("bucket"));

    assertEquals("bucket", r.name());
    assertEquals("", r.keyMarker());
    assertEquals("", r.versionIdMarker());
    assertEquals("b\nc", r.nextKeyMarker());
    assertEquals("3/L4kqtJl40Nr8X8gdRQBpUMLUo", r.nextVersionIdMarker());
    assertEquals(3, r.maxKeys());
    assertTrue(r.isTruncated());
    assertEquals(2, r.versions().size());
    ObjectVersion v = r.versions().get(0);
    assertEquals("a&b", v.key());
    assertEquals("null", v.versionId());
    assertTrue(v.isLatest());
    assertEquals(Instant.parse("2009-10-12T17:50:30.123Z"), v.lastModified());
    assertEquals("\"e1\"", v.eTag());
    assertEquals(10L, v.size());
    assertEquals("STANDARD", v.storageClassAsString());
    assertEquals(OWNER.id(), v.owner().id());
    assertFalse(r.versions().get(1).isLatest());
    assertEquals(List.of("CRC64NVME"), r.versions().get(1).checksumAlgorithmAsStrings());
    assertEquals(1, r.deleteMarkers().size());
    assertEquals("b\nc", r.deleteMarkers().get(0).key());
    assertEquals("03jpff543dhffds434rfdsFDN943fdsFkdmqnh892", r.deleteMarkers().get(0).versionId());
    assertTrue(r.deleteMarkers().get(0).isLatest());
  }

  @Test
  void versionsWithUrlEncodingRoundTripThroughTheSdk() {
    List<ListVersionsResult.Entry> entries = List.of(
        ListVersionsResult.Version.unversioned(new ObjectSummary(CONTROL_KEY, T1, "e1", 10), OWNER),
        new ListVersionsResult.DeleteMarker("d m\u0001", "v1", true, T2, Optional.of(OWNER)));
    ListVersionsResult result = new ListVersionsResult("bucket", "p re", "k\u0001m", "null", Optional.of("n+k"),
        Optional.of("null"), 1000, Optional.of("/"), false, entries, List.of("c p/"), true);
    String xml = ListingXmlWriter.listVersions(result);
    XmlAssertions.parseStrict(xml, "ListVersionsResult");
    assertTrue(xml.contains("<NextKeyMarker>n%2Bk</NextKeyMarker>"), xml);

    ListObjectVersionsResponse r = oracle.respond(xml).s3()
        .listObjectVersions(b -> b.bucket("bucket").encodingType(EncodingType.URL));

    assertEquals(CONTROL_KEY, r.versions().get(0).key());
    assertEquals("d m\u0001", r.deleteMarkers().get(0).key());
    assertEquals("p re", r.prefix());
    assertEquals("k\u0001m", r.keyMarker());
    assertEquals("n+k", r.nextKeyMarker());
    assertEquals("/", r.delimiter());
    assertEquals(List.of("c p/"), prefixesOf(r.commonPrefixes()));
  }
}
