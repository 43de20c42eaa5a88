package dev.minicloud.controlplane.s3.xml;

import java.util.List;
import java.util.Optional;

/**
 * Writes the bodies of bucket and object subresources: tagging, location, versioning and ACLs.
 */
public final class SubresourceXmlWriter {

  /** The region whose buckets S3 reports with an empty {@code LocationConstraint}. */
  public static final String US_EAST_1 = "us-east-1";

  private static final String XSI_CANONICAL_USER =
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"CanonicalUser\"";

  private static final String XSI_GROUP =
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\"";

  private SubresourceXmlWriter() {}

  /**
   * GetObjectTagging / GetBucketTagging:
   * {@code <Tagging><TagSet><Tag><Key/><Value/></Tag>*</TagSet></Tagging>}.
   */
  public static String tagging(List<Tag> tags) {
    XmlBuilder xml = XmlBuilder.document("Tagging").start("TagSet");
    for (Tag tag : tags) {
      xml.start("Tag").element("Key", tag.key()).element("Value", tag.value()).end();
    }
    return xml.finish();
  }

  /** GetBucketEncryption: the bucket's one default-encryption rule. */
  public static String serverSideEncryptionConfiguration(ServerSideEncryptionConfiguration configuration) {
    XmlBuilder xml = XmlBuilder.document("ServerSideEncryptionConfiguration")
        .start("Rule")
        .start("ApplyServerSideEncryptionByDefault")
        .element("SSEAlgorithm", configuration.sseAlgorithm())
        .optional("KMSMasterKeyID", configuration.kmsMasterKeyId())
        .end();
    configuration.bucketKeyEnabled().ifPresent(enabled -> xml.element("BucketKeyEnabled", enabled));
    return xml.finish();
  }

  /**
   * GetBucketLocation: {@code <LocationConstraint>region</LocationConstraint>}, or the empty
   * element {@code <LocationConstraint/>} for {@code us-east-1}, as S3 answers.
   */
  public static String locationConstraint(String region) {
    return XmlBuilder.simpleDocument("LocationConstraint",
        US_EAST_1.equals(region) ? Optional.empty() : Optional.of(region));
  }

  /** An empty configuration document, {@code <root/>} in S3's namespace: what S3 returns for a never-set one. */
  public static String emptyConfiguration(String root) {
    return XmlBuilder.simpleDocument(root, Optional.empty());
  }

  /** GetBucketRequestPayment of a bucket whose owner pays, the only kind here. */
  public static String requestPaymentByOwner() {
    return XmlBuilder.document("RequestPaymentConfiguration").element("Payer", "BucketOwner").finish();
  }

  /**
   * GetBucketVersioning: the empty {@code <VersioningConfiguration/>} for a bucket whose
   * versioning was never configured, else {@code <VersioningConfiguration><Status/>}.
   */
  public static String versioningConfiguration(Optional<VersioningStatus> status) {
    if (status.isEmpty()) {
      return XmlBuilder.simpleDocument("VersioningConfiguration", Optional.empty());
    }
    return XmlBuilder.document("VersioningConfiguration").element("Status", status.get().xmlValue()).finish();
  }

  /**
   * GetBucketAcl / GetObjectAcl for the only ACL MiniCloud has, the owner's FULL_CONTROL:
   * {@code <AccessControlPolicy><Owner/><AccessControlList><Grant><Grantee xsi:type="CanonicalUser">}
   * {@code <ID/><DisplayName/></Grantee><Permission>FULL_CONTROL</Permission></Grant>}
   * {@code </AccessControlList></AccessControlPolicy>}.
   */
  public static String ownerFullControlAcl(Owner owner) {
    return XmlBuilder.document("AccessControlPolicy")
        .owner("Owner", owner)
        .start("AccessControlList")
        .start("Grant")
        .startWithAttributes("Grantee", XSI_CANONICAL_USER)
        .element("ID", owner.id())
        .element("DisplayName", owner.displayName())
        .end()
        .element("Permission", "FULL_CONTROL")
        .finish();
  }

  /** The ACL of a canned {@code private} or {@code public-read} bucket or object. */
  public static String cannedAcl(Owner owner, boolean publicRead) {
    XmlBuilder xml = XmlBuilder.document("AccessControlPolicy")
        .owner("Owner", owner)
        .start("AccessControlList")
        .start("Grant")
        .startWithAttributes("Grantee", XSI_CANONICAL_USER)
        .element("ID", owner.id())
        .element("DisplayName", owner.displayName())
        .end()
        .element("Permission", "FULL_CONTROL")
        .end();
    if (publicRead) {
      xml.start("Grant")
          .startWithAttributes("Grantee", XSI_GROUP)
          .element("URI", "http://acs.amazonaws.com/groups/global/AllUsers")
          .end()
          .element("Permission", "READ")
          .end();
    }
    return xml.finish();
  }

  /** GetBucketPolicyStatus. */
  public static String policyStatus(boolean isPublic) {
    return XmlBuilder.document("PolicyStatus").element("IsPublic", isPublic).finish();
  }
}
