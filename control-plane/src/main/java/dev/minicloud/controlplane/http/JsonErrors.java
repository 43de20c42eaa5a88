package dev.minicloud.controlplane.http;

import dev.minicloud.common.error.ApiError;
import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ErrorCode;
import dev.minicloud.common.json.Json;
import dev.minicloud.common.sigv4.AuthFailure;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Errors of the JSON APIs: {@code {"error":{"code","message","requestId"}}}. */
public final class JsonErrors implements ProtocolErrors {

  @Override
  public ErrorCode forAuthFailure(AuthFailure failure) {
    return switch (failure) {
      case MISSING_AUTHENTICATION -> ApiErrorCode.MISSING_AUTHENTICATION_TOKEN;
      case AUTHORIZATION_HEADER_MALFORMED, UNSUPPORTED_ALGORITHM, MISSING_DATE,
          AUTHORIZATION_QUERY_PARAMETERS_ERROR, MULTIPLE_AUTH_MECHANISMS -> ApiErrorCode.INCOMPLETE_SIGNATURE;
      case HEADERS_NOT_SIGNED -> ApiErrorCode.ACCESS_DENIED;
      case INVALID_PAYLOAD_HASH, MISSING_CONTENT_SHA256 -> ApiErrorCode.VALIDATION_ERROR;
      case INVALID_ACCESS_KEY_ID -> ApiErrorCode.INVALID_ACCESS_KEY_ID;
      case SIGNATURE_DOES_NOT_MATCH -> ApiErrorCode.SIGNATURE_DOES_NOT_MATCH;
      case REQUEST_TIME_TOO_SKEWED -> ApiErrorCode.REQUEST_TIME_TOO_SKEWED;
      case REQUEST_EXPIRED, REQUEST_NOT_YET_VALID -> ApiErrorCode.REQUEST_EXPIRED;
    };
  }

  @Override
  public ErrorCode internalError() {
    return ApiErrorCode.INTERNAL_ERROR;
  }

  @Override
  public ErrorCode notFound() {
    return ApiErrorCode.NOT_FOUND;
  }

  @Override
  public ErrorCode requestTooLarge() {
    return ApiErrorCode.REQUEST_TOO_LARGE;
  }

  @Override
  public ErrorCode badRequest() {
    return ApiErrorCode.VALIDATION_ERROR;
  }

  @Override
  public void write(RoutingContext ctx, RequestContext rc, ErrorCode code, String message) {
    ctx.response()
        .setStatusCode(code.httpStatus())
        .putHeader("content-type", "application/json")
        .end(Buffer.buffer(Json.toBytes(ApiError.of(code, message, rc.requestId()))));
  }
}
