package dev.minicloud.controlplane.s3.xml;

import java.util.List;
import java.util.Set;

/**
 * The {@code <AccessControlPolicy>} body of PutBucketAcl and PutObjectAcl: its grants, as parsed
 * by {@link S3RequestXmlParser#parseAccessControlPolicy}. Tools such as s3cmd's {@code setacl}
 * read an ACL, change it and send it back this way rather than with a canned {@code x-amz-acl}.
 *
 * @param grants the AccessControlList's grants, in document order
 */
public record AccessControlPolicy(List<Grant> grants) {

  /** S3's group of everyone, signed or not. */
  public static final String ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers";
  /** S3's permissions. */
  public static final Set<String> PERMISSIONS = Set.of("FULL_CONTROL", "WRITE", "WRITE_ACP", "READ", "READ_ACP");

  public AccessControlPolicy {
    grants = List.copyOf(grants);
  }

  /** How a grantee is named: which of ID, URI and EmailAddress its Grantee element holds. */
  public enum GranteeType { CANONICAL_USER, GROUP, EMAIL }

  /**
   * One grant.
   *
   * @param type how the grantee is named
   * @param grantee the canonical user id, group URI or e-mail address
   * @param permission one of {@link #PERMISSIONS}
   */
  public record Grant(GranteeType type, String grantee, String permission) { }
}
