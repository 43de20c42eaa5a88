package dev.minicloud.controlplane.storage.encryption;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3Documents;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.xml.S3RequestXmlParser;
import dev.minicloud.controlplane.s3.xml.ServerSideEncryptionConfiguration;
import dev.minicloud.controlplane.s3.xml.SubresourceXmlWriter;
import dev.minicloud.controlplane.storage.bucket.BucketAccess;
import dev.minicloud.controlplane.storage.bucket.BucketRecord;
import dev.minicloud.controlplane.storage.bucket.BucketStore;
import java.util.Optional;

/**
 * Get/Put/DeleteBucketEncryption: a bucket's default encryption, applied to new objects whose
 * request names none ({@link ServerSideEncryption#requested}). Existing objects keep theirs.
 */
public final class BucketEncryptionHandlers {

  private BucketEncryptionHandlers() {}

  /** GetBucketEncryption: ServerSideEncryptionConfigurationNotFoundError without one, as S3 answers. */
  public static S3Handler get(BucketAccess access) {
    return call -> {
      BucketRecord bucket = access.readable(call);
      BucketEncryption encryption = bucket.encryption();
      if (encryption == null) {
        throw new ApiException(S3ErrorCode.SERVER_SIDE_ENCRYPTION_CONFIGURATION_NOT_FOUND,
            S3ErrorCode.SERVER_SIDE_ENCRYPTION_CONFIGURATION_NOT_FOUND.defaultMessage());
      }
      call.xml(200, SubresourceXmlWriter.serverSideEncryptionConfiguration(new ServerSideEncryptionConfiguration(
          encryption.algorithm(), Optional.empty(), Optional.ofNullable(encryption.bucketKeyEnabled()))));
    };
  }

  /**
   * PutBucketEncryption: {@code AES256} is stored; {@code aws:kms} and {@code aws:kms:dsse} are
   * NotImplemented; a KMSMasterKeyID with AES256 is InvalidArgument, as on S3.
   */
  public static S3Handler put(BucketAccess access, BucketStore buckets) {
    return (S3Call call) -> {
      access.writable(call);
      call.guard(S3Documents.read(call, S3RequestXmlParser::parseServerSideEncryptionConfiguration)
          .map(configuration -> {
            String algorithm = configuration.sseAlgorithm();
            if (!algorithm.equals(ObjectEncryption.AES256)) {
              throw new ApiException(S3ErrorCode.NOT_IMPLEMENTED, "Default encryption with " + algorithm
                  + " is not supported; use SSEAlgorithm AES256.");
            }
            if (configuration.kmsMasterKeyId().isPresent()) {
              throw new ApiException(S3ErrorCode.INVALID_ARGUMENT,
                  "a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse");
            }
            BucketEncryption encryption = new BucketEncryption(algorithm,
                configuration.bucketKeyEnabled().orElse(null));
            buckets.update(call.bucket(), b -> b.withEncryption(encryption));
            call.empty(200);
            return encryption;
          }));
    };
  }

  public static S3Handler delete(BucketAccess access, BucketStore buckets) {
    return call -> {
      access.writable(call);
      buckets.update(call.bucket(), b -> b.withEncryption(null));
      call.empty(204);
    };
  }
}
