package dev.minicloud.controlplane.s3;

import dev.minicloud.common.error.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/**
 * Reads the small XML document of a request (CreateBucketConfiguration, Delete, Tagging,
 * CompleteMultipartUpload) with a hard size limit, so no request can make the control plane
 * buffer more than the limit.
 */
public final class SmallBody {

  private SmallBody() {}

  public static Future<Buffer> read(S3Call call, int limit) {
    HttpServerRequest request = call.http();
    String declared = request.getHeader("content-length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > limit) {
          return Future.failedFuture(tooLarge(limit));
        }
      } catch (NumberFormatException e) {
        return Future.failedFuture(new ApiException(S3ErrorCode.INVALID_ARGUMENT, "Invalid Content-Length"));
      }
    }
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    request.handler(chunk -> {
      if (promise.future().isComplete()) {
        return;
      }
      if (body.length() + chunk.length() > limit) {
        promise.tryFail(tooLarge(limit));
        request.connection().close();
        return;
      }
      body.appendBuffer(chunk);
    });
    request.exceptionHandler(promise::tryFail);
    request.endHandler(v -> promise.tryComplete(body));
    request.resume();
    return promise.future();
  }

  private static ApiException tooLarge(int limit) {
    return new ApiException(S3ErrorCode.MAX_MESSAGE_LENGTH_EXCEEDED,
        "Your request was too big (the limit for this document is " + limit + " bytes).");
  }
}
