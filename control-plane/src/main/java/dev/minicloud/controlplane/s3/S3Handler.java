package dev.minicloud.controlplane.s3;

/**
 * One S3 operation. A handler either ends the response or fails the call ({@link S3Call#fail},
 * or by throwing {@link dev.minicloud.common.error.ApiException} before going asynchronous).
 */
@FunctionalInterface
public interface S3Handler {

  void handle(S3Call call) throws Exception;
}
