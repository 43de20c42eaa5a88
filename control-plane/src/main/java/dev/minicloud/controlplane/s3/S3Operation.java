package dev.minicloud.controlplane.s3;

/**
 * The S3 operations, each with the IAM action name that policy, audit and metering use, and its
 * request tier for metering (tier 1: PUT, COPY, POST, LIST; tier 2: GET, HEAD and the rest).
 */
public enum S3Operation {
  LIST_BUCKETS("s3:ListAllMyBuckets", 1),
  CREATE_BUCKET("s3:CreateBucket", 1),
  DELETE_BUCKET("s3:DeleteBucket", 2),
  HEAD_BUCKET("s3:ListBucket", 2),
  GET_BUCKET_LOCATION("s3:GetBucketLocation", 2),
  GET_BUCKET_VERSIONING("s3:GetBucketVersioning", 2),
  GET_BUCKET_ACL("s3:GetBucketAcl", 2),
  PUT_BUCKET_ACL("s3:PutBucketAcl", 1),
  GET_BUCKET_POLICY("s3:GetBucketPolicy", 2),
  PUT_BUCKET_POLICY("s3:PutBucketPolicy", 1),
  DELETE_BUCKET_POLICY("s3:DeleteBucketPolicy", 2),
  GET_BUCKET_POLICY_STATUS("s3:GetBucketPolicyStatus", 2),
  GET_BUCKET_TAGGING("s3:GetBucketTagging", 2),
  PUT_BUCKET_TAGGING("s3:PutBucketTagging", 1),
  DELETE_BUCKET_TAGGING("s3:PutBucketTagging", 2),
  GET_BUCKET_ENCRYPTION("s3:GetEncryptionConfiguration", 2),
  PUT_BUCKET_ENCRYPTION("s3:PutEncryptionConfiguration", 1),
  DELETE_BUCKET_ENCRYPTION("s3:PutEncryptionConfiguration", 2),
  LIST_OBJECTS("s3:ListBucket", 1),
  LIST_OBJECTS_V2("s3:ListBucket", 1),
  LIST_OBJECT_VERSIONS("s3:ListBucketVersions", 1),
  LIST_MULTIPART_UPLOADS("s3:ListBucketMultipartUploads", 1),
  DELETE_OBJECTS("s3:DeleteObject", 1),
  PUT_OBJECT("s3:PutObject", 1),
  COPY_OBJECT("s3:PutObject", 1),
  GET_OBJECT("s3:GetObject", 2),
  HEAD_OBJECT("s3:GetObject", 2),
  DELETE_OBJECT("s3:DeleteObject", 2),
  GET_BUCKET_CORS("s3:GetBucketCORS", 2),
  GET_BUCKET_LIFECYCLE("s3:GetLifecycleConfiguration", 2),
  GET_BUCKET_WEBSITE("s3:GetBucketWebsite", 2),
  GET_BUCKET_REPLICATION("s3:GetReplicationConfiguration", 2),
  GET_OBJECT_LOCK_CONFIGURATION("s3:GetBucketObjectLockConfiguration", 2),
  GET_PUBLIC_ACCESS_BLOCK("s3:GetBucketPublicAccessBlock", 2),
  GET_BUCKET_OWNERSHIP_CONTROLS("s3:GetBucketOwnershipControls", 2),
  GET_BUCKET_ACCELERATE("s3:GetAccelerateConfiguration", 2),
  GET_BUCKET_REQUEST_PAYMENT("s3:GetBucketRequestPayment", 2),
  GET_BUCKET_LOGGING("s3:GetBucketLogging", 2),
  GET_BUCKET_NOTIFICATION("s3:GetBucketNotification", 2),
  DELETE_BUCKET_CORS("s3:PutBucketCORS", 2),
  DELETE_BUCKET_LIFECYCLE("s3:PutLifecycleConfiguration", 2),
  DELETE_BUCKET_WEBSITE("s3:DeleteBucketWebsite", 2),
  DELETE_BUCKET_REPLICATION("s3:PutReplicationConfiguration", 2),
  DELETE_PUBLIC_ACCESS_BLOCK("s3:PutBucketPublicAccessBlock", 2),
  DELETE_BUCKET_OWNERSHIP_CONTROLS("s3:PutBucketOwnershipControls", 2),
  GET_OBJECT_ATTRIBUTES("s3:GetObjectAttributes", 2),
  PUT_BUCKET_VERSIONING("s3:PutBucketVersioning", 1),
  GET_OBJECT_ACL("s3:GetObjectAcl", 2),
  PUT_OBJECT_ACL("s3:PutObjectAcl", 1),
  GET_OBJECT_TAGGING("s3:GetObjectTagging", 2),
  PUT_OBJECT_TAGGING("s3:PutObjectTagging", 1),
  DELETE_OBJECT_TAGGING("s3:DeleteObjectTagging", 2),
  RESTORE_OBJECT("s3:RestoreObject", 1),
  CREATE_MULTIPART_UPLOAD("s3:PutObject", 1),
  UPLOAD_PART("s3:PutObject", 1),
  UPLOAD_PART_COPY("s3:PutObject", 1),
  COMPLETE_MULTIPART_UPLOAD("s3:PutObject", 1),
  ABORT_MULTIPART_UPLOAD("s3:AbortMultipartUpload", 2),
  LIST_PARTS("s3:ListMultipartUploadParts", 1);

  private final String action;
  private final int tier;

  S3Operation(String action, int tier) {
    this.action = action;
    this.tier = tier;
  }

  public String action() {
    return action;
  }

  public int tier() {
    return tier;
  }
}
