package dev.minicloud.computeagent.http;

import dev.minicloud.common.error.ApiError;
import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.error.ErrorCode;
import dev.minicloud.common.json.Json;
import dev.minicloud.computeagent.runtime.ContainerNotFoundException;
import dev.minicloud.computeagent.runtime.ContainerRuntimeUnavailableException;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place errors become HTTP answers: {@code {"error":{"code","message","requestId"}}}.
 * An {@link ApiException} keeps its code; any other failure is logged and answered as
 * {@code 500 InternalError}.
 */
public final class JsonErrorHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(JsonErrorHandler.class);

  @Override
  public void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException api) {
      write(ctx, api.errorCode(), api.getMessage());
    } else if (failure instanceof ContainerRuntimeUnavailableException down) {
      LOG.warn("Request {} {}: {}", ctx.request().method(), ctx.request().path(), down.getMessage());
      write(ctx, ApiErrorCode.SERVICE_UNAVAILABLE, "The container engine is not available: " + down.getMessage());
    } else if (failure instanceof ContainerNotFoundException gone) {
      write(ctx, ApiErrorCode.INVALID_INSTANCE_ID_NOT_FOUND, gone.getMessage());
    } else if (failure == null && ctx.statusCode() == 413) {
      write(ctx, ApiErrorCode.REQUEST_TOO_LARGE, ApiErrorCode.REQUEST_TOO_LARGE.defaultMessage());
    } else if (failure == null && ctx.statusCode() == 404) {
      write(ctx, ApiErrorCode.NOT_FOUND, ApiErrorCode.NOT_FOUND.defaultMessage());
    } else if (failure == null && ctx.statusCode() == 405) {
      write(ctx, ApiErrorCode.METHOD_NOT_ALLOWED, ApiErrorCode.METHOD_NOT_ALLOWED.defaultMessage());
    } else {
      LOG.error("Request {} {} failed (request id {})", ctx.request().method(), ctx.request().path(),
          RequestIdHandler.requestId(ctx), failure);
      write(ctx, ApiErrorCode.INTERNAL_ERROR, ApiErrorCode.INTERNAL_ERROR.defaultMessage());
    }
  }

  /** Writes a JSON error, unless the response has already started. */
  public static void write(RoutingContext ctx, ErrorCode code, String message) {
    if (ctx.response().headWritten()) {
      ctx.response().reset();
      return;
    }
    ctx.response()
        .setStatusCode(code.httpStatus())
        .putHeader("content-type", "application/json")
        .end(Buffer.buffer(Json.toBytes(ApiError.of(code, message, RequestIdHandler.requestId(ctx)))));
  }
}
