package dev.minicloud.controlplane.s3;

/**
 * The authorization step of the S3 dispatch: called once per request, after the operation, bucket
 * and key are known and before the operation's handler; throws AccessDenied to refuse.
 */
public interface S3Authorizer {

  void authorize(S3Call call);

  /**
   * Whether the call's caller may perform {@code action} on one more object of the call's bucket:
   * for operations that name their objects in the body (DeleteObjects), checked key by key.
   */
  boolean allowsObject(S3Call call, String action, String key);
}
