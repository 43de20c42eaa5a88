package dev.minicloud.controlplane.s3.xml;

import java.util.Optional;

/**
 * PutBucketEncryption's and GetBucketEncryption's document, one rule:
 * {@code <ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm/>}
 * {@code [<KMSMasterKeyID/>]</ApplyServerSideEncryptionByDefault>[<BucketKeyEnabled/>]</Rule>}
 * {@code </ServerSideEncryptionConfiguration>}.
 *
 * @param sseAlgorithm {@code AES256}, {@code aws:kms} or {@code aws:kms:dsse}
 */
public record ServerSideEncryptionConfiguration(String sseAlgorithm, Optional<String> kmsMasterKeyId,
    Optional<Boolean> bucketKeyEnabled) {

  /** The values S3 accepts for SSEAlgorithm. */
  public static final java.util.List<String> ALGORITHMS = java.util.List.of("AES256", "aws:kms", "aws:kms:dsse");
}
