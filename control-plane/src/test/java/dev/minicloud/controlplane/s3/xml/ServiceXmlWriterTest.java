package dev.minicloud.controlplane.s3.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import software.amazon.awssdk.services.s3.model.ListBucketsResponse;

class ServiceXmlWriterTest {

  private static final Owner OWNER = new Owner("bcaf1ffd86f461ca5fb16fd081034f", "webfile");
  private final SdkS3Oracle oracle = new SdkS3Oracle();

  @Test
  void listAllMyBucketsParsesWithSdk() {
    ListAllMyBucketsResult result = new ListAllMyBucketsResult(OWNER, List.of(
        new ListAllMyBucketsResult.Bucket("quotes", Instant.parse("2006-02-03T16:45:09Z"), Optional.of("us-east-1")),
        new ListAllMyBucketsResult.Bucket("samples", Instant.parse("2006-02-03T16:41:58.5Z"), Optional.empty())));
    String xml = ServiceXmlWriter.listAllMyBuckets(result);

    Element root = XmlAssertions.parseStrict(xml, "ListAllMyBucketsResult");
    assertEquals(List.of("Owner", "Buckets"), XmlAssertions.childNames(root));
    assertEquals(List.of("Name", "CreationDate", "BucketRegion"),
        XmlAssertions.childNames(XmlAssertions.child(XmlAssertions.child(root, "Buckets"), "Bucket")));

    ListBucketsResponse r = oracle.respond(xml).s3().listBuckets();
    assertEquals(OWNER.id(), r.owner().id());
    assertEquals(OWNER.displayName(), r.owner().displayName());
    assertEquals(2, r.buckets().size());
    assertEquals("quotes", r.buckets().get(0).name());
    assertEquals(Instant.parse("2006-02-03T16:45:09Z"), r.buckets().get(0).creationDate());
    assertEquals("us-east-1", r.buckets().get(0).bucketRegion());
    assertEquals(Instant.parse("2006-02-03T16:41:58.500Z"), r.buckets().get(1).creationDate());
    assertNull(r.buckets().get(1).bucketRegion());
    assertNull(r.continuationToken());
  }

  @Test
  void emptyAndPaginatedListingsParseWithSdk() {
    ListBucketsResponse empty = oracle.respond(ServiceXmlWriter.listAllMyBuckets(
        new ListAllMyBucketsResult(OWNER, List.of()))).s3().listBuckets();
    assertEquals(List.of(), empty.buckets());

    String xml = ServiceXmlWriter.listAllMyBuckets(new ListAllMyBucketsResult(OWNER,
        List.of(new ListAllMyBucketsResult.Bucket("a", Instant.EPOCH, Optional.empty())),
        Optional.of("tok&en"), Optional.of("a")));
    Element root = XmlAssertions.parseStrict(xml, "ListAllMyBucketsResult");
    assertEquals(List.of("Owner", "Buckets", "ContinuationToken", "Prefix"), XmlAssertions.childNames(root));
    ListBucketsResponse r = oracle.respond(xml).s3().listBuckets(b -> b.maxBuckets(1));
    assertEquals("tok&en", r.continuationToken());
    assertEquals("a", r.prefix());
  }
}
