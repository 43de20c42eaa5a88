package dev.minicloud.controlplane.storage.bucket;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.s3.S3Call;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import dev.minicloud.controlplane.s3.S3Handler;
import dev.minicloud.controlplane.s3.S3Documents;
import dev.minicloud.controlplane.s3.xml.S3RequestXmlParser;
import java.time.Clock;
import java.util.Map;

/**
 * CreateBucket: validates the name, reads the optional CreateBucketConfiguration (a small
 * document, bounded), and creates the bucket unless another account owns the name
 * (BucketAlreadyExists) or the caller does (BucketAlreadyOwnedByYou, as outside us-east-1).
 */
public final class CreateBucketHandler implements S3Handler {

  private final BucketStore buckets;
  private final String region;
  private final Clock clock;

  public CreateBucketHandler(BucketStore buckets, String region, Clock clock) {
    this.buckets = buckets;
    this.region = region;
    this.clock = clock;
  }

  /** The LocationConstraint of the optional CreateBucketConfiguration body; null when there is none. */
  private static String readConfiguration(java.io.InputStream in, int max) {
    try {
      if (in.available() == 0) {
        return null;
      }
    } catch (java.io.IOException e) {
      return null;
    }
    return S3RequestXmlParser.parseCreateBucketConfiguration(in, max).locationConstraint().orElse(null);
  }

  @Override
  public void handle(S3Call call) {
    String problem = BucketNames.problem(call.bucket());
    if (problem != null) {
      throw new ApiException(S3ErrorCode.INVALID_BUCKET_NAME, problem);
    }
    String acl = BucketPolicyHandlers.cannedAcl(call);
    call.guard(S3Documents.read(call, (in, max) -> in == null ? null
        : readConfiguration(in, max)).map(location -> {
      BucketRecord bucket = new BucketRecord(call.bucket(), call.principal().accountId(), clock.instant(),
          location == null || location.isEmpty() ? region : location, Map.of(), null, acl, null, null);
      switch (buckets.create(bucket)) {
        case CREATED -> {
          call.response().putHeader("location", "/" + call.bucket());
          call.empty(200);
        }
        case ALREADY_OWNED_BY_YOU -> throw new ApiException(S3ErrorCode.BUCKET_ALREADY_OWNED_BY_YOU,
            "Your previous request to create the named bucket succeeded and you already own it.");
        case ALREADY_EXISTS -> throw new ApiException(S3ErrorCode.BUCKET_ALREADY_EXISTS,
            S3ErrorCode.BUCKET_ALREADY_EXISTS.defaultMessage());
      }
      return null;
    }));
  }
}
