package dev.minicloud.controlplane.s3.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;
import software.amazon.awssdk.services.s3.model.GetBucketAclResponse;
import software.amazon.awssdk.services.s3.model.GetBucketLocationResponse;
import software.amazon.awssdk.services.s3.model.GetBucketTaggingResponse;
import software.amazon.awssdk.services.s3.model.GetBucketVersioningResponse;
import software.amazon.awssdk.services.s3.model.GetObjectAclResponse;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingResponse;
import software.amazon.awssdk.services.s3.model.Grant;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.Type;

class SubresourceXmlWriterTest {

  private static final Owner OWNER = new Owner("75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a", "CustomersName@amazon.com");
  private final SdkS3Oracle oracle = new SdkS3Oracle();

  @Test
  void taggingParsesWithSdkForObjectsAndBuckets() {
    List<Tag> tags = List.of(new Tag("Key4", "Value4"), new Tag("a&b <c>", "ü\nv\"'"), new Tag("empty", ""));
    String xml = SubresourceXmlWriter.tagging(tags);
    Element root = XmlAssertions.parseStrict(xml, "Tagging");
    assertEquals(List.of("TagSet"), XmlAssertions.childNames(root));

    GetObjectTaggingResponse o = oracle.respond(xml).s3().getObjectTagging(b -> b.bucket("b").key("k"));
    assertEquals(3, o.tagSet().size());
    assertEquals("a&b <c>", o.tagSet().get(1).key());
    assertEquals("ü\nv\"'", o.tagSet().get(1).value());
    assertEquals("", o.tagSet().get(2).value());

    GetBucketTaggingResponse b = oracle.s3().getBucketTagging(r -> r.bucket("b"));
    assertEquals("Key4", b.tagSet().get(0).key());
    assertEquals("Value4", b.tagSet().get(0).value());

    GetObjectTaggingResponse none = oracle.respond(SubresourceXmlWriter.tagging(List.of())).s3()
        .getObjectTagging(r -> r.bucket("b").key("k"));
    assertEquals(List.of(), none.tagSet());
  }

  @Test
  void locationConstraintIsEmptyForUsEast1AsOnS3() {
    String usEast1 = SubresourceXmlWriter.locationConstraint("us-east-1");
    assertEquals("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        + "<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"/>", usEast1);
    XmlAssertions.parseStrict(usEast1, "LocationConstraint");
    GetBucketLocationResponse r = oracle.respond(usEast1).s3().getBucketLocation(b -> b.bucket("b"));
    // What the SDK makes of S3's own answer for us-east-1: an empty constraint.
    assertEquals("", r.locationConstraintAsString());

    String euWest1 = SubresourceXmlWriter.locationConstraint("eu-west-1");
    XmlAssertions.parseStrict(euWest1, "LocationConstraint");
    r = oracle.respond(euWest1).s3().getBucketLocation(b -> b.bucket("b"));
    assertEquals(BucketLocationConstraint.EU_WEST_1, r.locationConstraint());
  }

  @Test
  void versioningConfigurationIsEmptyWhenNeverEnabled() {
    String never = SubresourceXmlWriter.versioningConfiguration(Optional.empty());
    assertEquals(List.of(), XmlAssertions.childNames(XmlAssertions.parseStrict(never, "VersioningConfiguration")));
    GetBucketVersioningResponse r = oracle.respond(never).s3().getBucketVersioning(b -> b.bucket("b"));
    assertNull(r.status());
    assertNull(r.mfaDelete());

    String suspended = SubresourceXmlWriter.versioningConfiguration(Optional.of(VersioningStatus.SUSPENDED));
    XmlAssertions.parseStrict(suspended, "VersioningConfiguration");
    r = oracle.respond(suspended).s3().getBucketVersioning(b -> b.bucket("b"));
    assertEquals(BucketVersioningStatus.SUSPENDED, r.status());
  }

  @Test
  void ownerFullControlAclParsesWithSdkForBucketsAndObjects() {
    String xml = SubresourceXmlWriter.ownerFullControlAcl(OWNER);
    Element root = XmlAssertions.parseStrict(xml, "AccessControlPolicy");
    assertEquals(List.of("Owner", "AccessControlList"), XmlAssertions.childNames(root));

    GetBucketAclResponse bucketAcl = oracle.respond(xml).s3().getBucketAcl(b -> b.bucket("b"));
    assertEquals(OWNER.id(), bucketAcl.owner().id());
    assertEquals(1, bucketAcl.grants().size());
    Grant grant = bucketAcl.grants().get(0);
    assertEquals(Permission.FULL_CONTROL, grant.permission());
    assertEquals(Type.CANONICAL_USER, grant.grantee().type());
    assertEquals(OWNER.id(), grant.grantee().id());
    assertEquals(OWNER.displayName(), grant.grantee().displayName());

    GetObjectAclResponse objectAcl = oracle.s3().getObjectAcl(b -> b.bucket("b").key("k"));
    assertEquals(Permission.FULL_CONTROL, objectAcl.grants().get(0).permission());
    assertEquals(OWNER.displayName(), objectAcl.owner().displayName());
  }
}
