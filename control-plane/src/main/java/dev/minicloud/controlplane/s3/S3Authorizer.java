package dev.minicloud.controlplane.s3;

/**
 * The authorization step of the S3 dispatch: called once per request, after the operation, bucket
 * and key are known and before the operation's handler; throws AccessDenied to refuse.
 */
@FunctionalInterface
public interface S3Authorizer {

  void authorize(S3Call call);
}
