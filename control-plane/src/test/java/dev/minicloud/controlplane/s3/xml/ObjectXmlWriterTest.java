package dev.minicloud.controlplane.s3.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

class ObjectXmlWriterTest {

  private final SdkS3Oracle oracle = new SdkS3Oracle();

  @Test
  void copyObjectParsesWithSdk() {
    String xml = ObjectXmlWriter.copyObject(new CopyResult("9b2cf535f27731c974343645a3985328",
        Instant.parse("2009-10-28T22:32:00Z"), Map.of(ChecksumAlgorithm.CRC64NVME, "AAAAAAAAAAA="),
        Optional.of(ChecksumType.FULL_OBJECT)));
    Element root = XmlAssertions.parseStrict(xml, "CopyObjectResult");
    assertEquals(List.of("LastModified", "ETag", "ChecksumType", "ChecksumCRC64NVME"), XmlAssertions.childNames(root));

    CopyObjectResponse r = oracle.respond(xml).s3().copyObject(b -> b.sourceBucket("src").sourceKey("a&b")
        .destinationBucket("dst").destinationKey("c"));
    assertEquals("\"9b2cf535f27731c974343645a3985328\"", r.copyObjectResult().eTag());
    assertEquals(Instant.parse("2009-10-28T22:32:00Z"), r.copyObjectResult().lastModified());
    assertEquals("AAAAAAAAAAA=", r.copyObjectResult().checksumCRC64NVME());
    assertEquals("FULL_OBJECT", r.copyObjectResult().checksumTypeAsString());
  }

  @Test
  void deleteResultParsesWithSdk() {
    DeleteResult result = new DeleteResult(
        List.of(new DeleteResult.Deleted("sample1.txt", Optional.empty()),
            new DeleteResult.Deleted("a&b\n<ü>", Optional.of("null")),
            new DeleteResult.Deleted("marked", Optional.empty(), true, Optional.of("NeQt5xeFTfgPJD8B4CGWnkSLtluMr11s"))),
        List.of(new DeleteResult.Failure("sample2.txt", Optional.empty(), "AccessDenied", "Access Denied"),
            new DeleteResult.Failure("v", Optional.of("v1"), "InternalError", "We encountered an internal error.")),
        false);
    String xml = ObjectXmlWriter.deleteResult(result);
    Element root = XmlAssertions.parseStrict(xml, "DeleteResult");
    assertEquals(List.of("Deleted", "Deleted", "Deleted", "Error", "Error"), XmlAssertions.childNames(root));
    assertEquals(List.of("Key", "VersionId", "Code", "Message"),
        XmlAssertions.childNames((Element) root.getElementsByTagNameNS(S3Xml.NAMESPACE, "Error").item(1)));

    DeleteObjectsResponse r = oracle.respond(xml).s3().deleteObjects(b -> b.bucket("b")
        .delete(d -> d.objects(ObjectIdentifier.builder().key("sample1.txt").build())));
    assertEquals(3, r.deleted().size());
    assertEquals("sample1.txt", r.deleted().get(0).key());
    assertNull(r.deleted().get(0).versionId());
    assertEquals("a&b\n<ü>", r.deleted().get(1).key());
    assertEquals("null", r.deleted().get(1).versionId());
    assertTrue(r.deleted().get(2).deleteMarker());
    assertEquals("NeQt5xeFTfgPJD8B4CGWnkSLtluMr11s", r.deleted().get(2).deleteMarkerVersionId());
    assertEquals(2, r.errors().size());
    assertEquals("sample2.txt", r.errors().get(0).key());
    assertEquals("AccessDenied", r.errors().get(0).code());
    assertEquals("Access Denied", r.errors().get(0).message());
    assertEquals("v1", r.errors().get(1).versionId());
  }

  @Test
  void quietDeleteResultOmitsDeleted() {
    DeleteResult result = new DeleteResult(List.of(new DeleteResult.Deleted("gone", Optional.empty())),
        List.of(new DeleteResult.Failure("kept", Optional.empty(), "AccessDenied", "Access Denied")), true);
    String xml = ObjectXmlWriter.deleteResult(result);
    assertEquals(List.of("Error"), XmlAssertions.childNames(XmlAssertions.parseStrict(xml, "DeleteResult")));

    DeleteObjectsResponse r = oracle.respond(xml).s3().deleteObjects(b -> b.bucket("b")
        .delete(d -> d.quiet(true).objects(ObjectIdentifier.builder().key("gone").build())));
    assertEquals(List.of(), r.deleted());
    assertEquals("kept", r.errors().get(0).key());

    String empty = ObjectXmlWriter.deleteResult(new DeleteResult(List.of(), List.of(), true));
    assertEquals(List.of(), XmlAssertions.childNames(XmlAssertions.parseStrict(empty, "DeleteResult")));
  }
}
