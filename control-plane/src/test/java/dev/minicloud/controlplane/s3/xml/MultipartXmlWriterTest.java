package dev.minicloud.controlplane.s3.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.UploadPartCopyResponse;

class MultipartXmlWriterTest {

  private static final Instant T = Instant.parse("2010-11-10T20:48:33Z");
  private static final Owner OWNER = new Owner("75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a", "someName");
  private static final Owner INITIATOR = new Owner("arn:aws:iam::111122223333:user/some-user", "some-user");
  private final SdkS3Oracle oracle = new SdkS3Oracle();

  @Test
  void initiateParsesWithSdk() {
    String xml = MultipartXmlWriter.initiateMultipartUpload(
        new InitiateMultipartUploadResult("example-bucket", "a&b <c>\nü", "VXBsb2FkIElE"));
    Element root = XmlAssertions.parseStrict(xml, "InitiateMultipartUploadResult");
    assertEquals(List.of("Bucket", "Key", "UploadId"), XmlAssertions.childNames(root));

    CreateMultipartUploadResponse r = oracle.respond(xml).s3()
        .createMultipartUpload(b -> b.bucket("example-bucket").key("a&b <c>\nü"));
    assertEquals("example-bucket", r.bucket());
    assertEquals("a&b <c>\nü", r.key());
    assertEquals("VXBsb2FkIElE", r.uploadId());
  }

  @Test
  void completeWithChecksumsParsesWithSdk() {
    String xml = MultipartXmlWriter.completeMultipartUpload(new CompleteMultipartUploadResult(
        "http://localhost:9000/example-bucket/my%20key", "example-bucket", "my key", "3858f62230ac3c915f300c664312c11f-9",
        Map.of(ChecksumAlgorithm.SHA256, "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=", ChecksumAlgorithm.CRC32, "AAAAAA=="),
        Optional.of(ChecksumType.COMPOSITE)));
    Element root = XmlAssertions.parseStrict(xml, "CompleteMultipartUploadResult");
    assertEquals(List.of("Location", "Bucket", "Key", "ETag", "ChecksumCRC32", "ChecksumSHA256", "ChecksumType"),
        XmlAssertions.childNames(root));

    CompleteMultipartUploadResponse r = oracle.respond(xml).s3().completeMultipartUpload(b -> b
        .bucket("example-bucket").key("my key").uploadId("u")
        .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag("x").build())));
    assertEquals("http://localhost:9000/example-bucket/my%20key", r.location());
    assertEquals("example-bucket", r.bucket());
    assertEquals("my key", r.key());
    assertEquals("\"3858f62230ac3c915f300c664312c11f-9\"", r.eTag());
    assertEquals("AAAAAA==", r.checksumCRC32());
    assertEquals("n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=", r.checksumSHA256());
    assertEquals("COMPOSITE", r.checksumTypeAsString());
  }

  @Test
  void completeWithoutChecksumsHasNoChecksumElements() {
    String xml = MultipartXmlWriter.completeMultipartUpload(
        new CompleteMultipartUploadResult("http://h/b/k", "b", "k", "e-1"));
    assertEquals(List.of("Location", "Bucket", "Key", "ETag"),
        XmlAssertions.childNames(XmlAssertions.parseStrict(xml, "CompleteMultipartUploadResult")));
  }

  @Test
  void listMultipartUploadsParsesWithSdk() {
    ListMultipartUploadsResult result = new ListMultipartUploadsResult("bucket", "", "", "my-movie.m2ts",
        "YW55IGlkZWE", Optional.of("/"), "photos/", 3, true, List.of(
            new ListMultipartUploadsResult.Upload("photos/my-divisor", "XMgbGlr", INITIATOR, OWNER, T),
            new ListMultipartUploadsResult.Upload("photos/my-movie.m2ts", "VXBsb2Fk", INITIATOR, OWNER, "STANDARD", T,
                Optional.of(ChecksumAlgorithm.CRC32C), Optional.of(ChecksumType.COMPOSITE))),
        List.of("photos/2006/"), false);
    String xml = MultipartXmlWriter.listMultipartUploads(result);
    Element root = XmlAssertions.parseStrict(xml, "ListMultipartUploadsResult");
    assertEquals(List.of("Bucket", "KeyMarker", "UploadIdMarker", "NextKeyMarker", "NextUploadIdMarker", "Delimiter",
        "Prefix", "MaxUploads", "IsTruncated", "Upload", "Upload", "CommonPrefixes"), XmlAssertions.childNames(root));
    assertEquals(List.of("Key", "UploadId", "Initiator", "Owner", "StorageClass", "Initiated"),
        XmlAssertions.childNames(XmlAssertions.child(root, "Upload")));

    ListMultipartUploadsResponse r = oracle.respond(xml).s3().listMultipartUploads(b -> b.bucket("bucket"));
    assertEquals("bucket", r.bucket());
    assertEquals("my-movie.m2ts", r.nextKeyMarker());
    assertEquals("YW55IGlkZWE", r.nextUploadIdMarker());
    assertEquals("/", r.delimiter());
    assertEquals("photos/", r.prefix());
    assertEquals(3, r.maxUploads());
    assertTrue(r.isTruncated());
    MultipartUpload u = r.uploads().get(0);
    assertEquals("photos/my-divisor", u.key());
    assertEquals("XMgbGlr", u.uploadId());
    assertEquals(INITIATOR.id(), u.initiator().id());
    assertEquals(OWNER.displayName(), u.owner().displayName());
    assertEquals("STANDARD", u.storageClassAsString());
    assertEquals(T, u.initiated());
    assertEquals("CRC32C", r.uploads().get(1).checksumAlgorithmAsString());
    assertEquals("photos/2006/", r.commonPrefixes().get(0).prefix());
  }

  @Test
  void listMultipartUploadsWithUrlEncodingRoundTripsThroughTheSdk() {
    ListMultipartUploadsResult result = new ListMultipartUploadsResult("bucket", "k m\u0001", "", "n+k", "", Optional.empty(),
        "p re", 1000, false, List.of(new ListMultipartUploadsResult.Upload("a\u0001 b+c", "u1", OWNER, OWNER, T)),
        List.of(), true);
    String xml = MultipartXmlWriter.listMultipartUploads(result);
    XmlAssertions.parseStrict(xml, "ListMultipartUploadsResult");

    ListMultipartUploadsResponse r = oracle.respond(xml).s3()
        .listMultipartUploads(b -> b.bucket("bucket").encodingType(EncodingType.URL));
    assertEquals("a\u0001 b+c", r.uploads().get(0).key());
    assertEquals("k m\u0001", r.keyMarker());
    assertEquals("n+k", r.nextKeyMarker());
    assertEquals("p re", r.prefix());
  }

  @Test
  void listPartsParsesWithSdk() {
    ListPartsResult result = new ListPartsResult("example-bucket", "example&object", "XXBsb2Fk", INITIATOR, OWNER,
        "STANDARD", 1, 3, 2, true, Optional.of(ChecksumAlgorithm.SHA256), Optional.of(ChecksumType.COMPOSITE), List.of(
            new ListPartsResult.Part(2, T, "7778aef83f66abc1fa1e8477f296d394", 10485760,
                Map.of(ChecksumAlgorithm.SHA256, "abc=")),
            new ListPartsResult.Part(3, T, "\"aaaa\"", 5)));
    String xml = MultipartXmlWriter.listParts(result);
    Element root = XmlAssertions.parseStrict(xml, "ListPartsResult");
    assertEquals(List.of("Bucket", "Key", "UploadId", "Initiator", "Owner", "StorageClass", "PartNumberMarker",
        "NextPartNumberMarker", "MaxParts", "IsTruncated", "ChecksumAlgorithm", "ChecksumType", "Part", "Part"),
        XmlAssertions.childNames(root));
    assertEquals(List.of("PartNumber", "LastModified", "ETag", "Size", "ChecksumSHA256"),
        XmlAssertions.childNames(XmlAssertions.child(root, "Part")));

    ListPartsResponse r = oracle.respond(xml).s3()
        .listParts(b -> b.bucket("example-bucket").key("example&object").uploadId("XXBsb2Fk"));
    assertEquals("example-bucket", r.bucket());
    assertEquals("example&object", r.key());
    assertEquals("XXBsb2Fk", r.uploadId());
    assertEquals(INITIATOR.id(), r.initiator().id());
    assertEquals(OWNER.id(), r.owner().id());
    assertEquals(1, r.partNumberMarker());
    assertEquals(3, r.nextPartNumberMarker());
    assertEquals(2, r.maxParts());
    assertTrue(r.isTruncated());
    assertEquals("SHA256", r.checksumAlgorithmAsString());
    Part p = r.parts().get(0);
    assertEquals(2, p.partNumber());
    assertEquals(T, p.lastModified());
    assertEquals("\"7778aef83f66abc1fa1e8477f296d394\"", p.eTag());
    assertEquals(10485760L, p.size());
    assertEquals("abc=", p.checksumSHA256());
    assertEquals("\"aaaa\"", r.parts().get(1).eTag());
    assertNull(r.parts().get(1).checksumSHA256());
  }

  @Test
  void emptyListPartsParsesWithSdk() {
    String xml = MultipartXmlWriter.listParts(new ListPartsResult("b", "k", "u", OWNER, OWNER, "STANDARD", 0, 0, 1000,
        false, Optional.empty(), Optional.empty(), List.of()));
    ListPartsResponse r = oracle.respond(xml).s3().listParts(b -> b.bucket("b").key("k").uploadId("u"));
    assertFalse(r.isTruncated());
    assertEquals(List.of(), r.parts());
  }

  @Test
  void copyPartParsesWithSdk() {
    String xml = MultipartXmlWriter.copyPart(new CopyResult("9b2cf535f27731c974343645a3985328",
        Instant.parse("2011-04-11T20:34:56Z"), Map.of(ChecksumAlgorithm.CRC32C, "yZRlqg=="), Optional.empty()));
    Element root = XmlAssertions.parseStrict(xml, "CopyPartResult");
    assertEquals(List.of("LastModified", "ETag", "ChecksumCRC32C"), XmlAssertions.childNames(root));

    UploadPartCopyResponse r = oracle.respond(xml).s3().uploadPartCopy(b -> b.sourceBucket("src").sourceKey("s k")
        .destinationBucket("b").destinationKey("k").uploadId("u").partNumber(1));
    assertEquals("\"9b2cf535f27731c974343645a3985328\"", r.copyPartResult().eTag());
    assertEquals(Instant.parse("2011-04-11T20:34:56Z"), r.copyPartResult().lastModified());
    assertEquals("yZRlqg==", r.copyPartResult().checksumCRC32C());
  }
}
