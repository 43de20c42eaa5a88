package dev.minicloud.controlplane.s3;

import dev.minicloud.common.error.ErrorCode;
import dev.minicloud.common.sigv4.AuthFailure;
import dev.minicloud.common.xml.XmlText;
import dev.minicloud.controlplane.http.ProtocolErrors;
import dev.minicloud.controlplane.http.RequestContext;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** S3's error model: {@code <Error><Code/><Message/><Resource/><RequestId/><HostId/></Error>}. */
public final class S3Errors implements ProtocolErrors {

  @Override
  public ErrorCode forAuthFailure(AuthFailure failure) {
    return switch (failure) {
      case MISSING_AUTHENTICATION, REQUEST_EXPIRED, REQUEST_NOT_YET_VALID, HEADERS_NOT_SIGNED ->
          S3ErrorCode.ACCESS_DENIED;
      case MULTIPLE_AUTH_MECHANISMS, INVALID_PAYLOAD_HASH -> S3ErrorCode.INVALID_ARGUMENT;
      case MISSING_CONTENT_SHA256 -> S3ErrorCode.INVALID_REQUEST;
      case AUTHORIZATION_HEADER_MALFORMED, MISSING_DATE -> S3ErrorCode.AUTHORIZATION_HEADER_MALFORMED;
      case UNSUPPORTED_ALGORITHM -> S3ErrorCode.INVALID_ARGUMENT;
      case AUTHORIZATION_QUERY_PARAMETERS_ERROR -> S3ErrorCode.AUTHORIZATION_QUERY_PARAMETERS_ERROR;
      case INVALID_ACCESS_KEY_ID -> S3ErrorCode.INVALID_ACCESS_KEY_ID;
      case SIGNATURE_DOES_NOT_MATCH -> S3ErrorCode.SIGNATURE_DOES_NOT_MATCH;
      case REQUEST_TIME_TOO_SKEWED -> S3ErrorCode.REQUEST_TIME_TOO_SKEWED;
    };
  }

  @Override
  public ErrorCode internalError() {
    return S3ErrorCode.INTERNAL_ERROR;
  }

  @Override
  public ErrorCode notFound() {
    return S3ErrorCode.NO_SUCH_BUCKET;
  }

  @Override
  public ErrorCode requestTooLarge() {
    return S3ErrorCode.ENTITY_TOO_LARGE;
  }

  @Override
  public ErrorCode badRequest() {
    return S3ErrorCode.INVALID_REQUEST;
  }

  /** S3 names the missing bucket or key in its own element; SDKs expose it (boto3: Error.Key). */
  private static String subject(S3Request request, ErrorCode code) {
    if (request == null) {
      return "";
    }
    if (code == S3ErrorCode.NO_SUCH_KEY && request.key() != null) {
      return "<Key>" + XmlText.escape(request.key()) + "</Key>";
    }
    if (code == S3ErrorCode.NO_SUCH_BUCKET && request.bucket() != null) {
      return "<BucketName>" + XmlText.escape(request.bucket()) + "</BucketName>";
    }
    return "";
  }

  @Override
  public void write(RoutingContext ctx, RequestContext rc, ErrorCode code, String message) {
    HttpServerResponse response = ctx.response().setStatusCode(code.httpStatus());
    if (ctx.request().method() == HttpMethod.HEAD) {
      response.end(); // HEAD responses carry the status only, as on S3
      return;
    }
    String body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>"
        + "<Code>" + XmlText.escape(code.code()) + "</Code>"
        + "<Message>" + XmlText.escape(message) + "</Message>"
        + subject(ctx.get(S3Api.PARSED_REQUEST), code)
        + "<Resource>" + XmlText.escape(ctx.request().path()) + "</Resource>"
        + "<RequestId>" + rc.requestId() + "</RequestId>"
        + "<HostId>" + XmlText.escape(response.headers().get("x-amz-id-2")) + "</HostId>"
        + "</Error>";
    response.putHeader("content-type", "application/xml").end(body);
  }
}
