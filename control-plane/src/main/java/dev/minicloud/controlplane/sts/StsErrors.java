package dev.minicloud.controlplane.sts;

import dev.minicloud.common.error.ErrorCode;
import dev.minicloud.common.sigv4.AuthFailure;
import dev.minicloud.common.xml.XmlText;
import dev.minicloud.controlplane.http.ProtocolErrors;
import dev.minicloud.controlplane.http.RequestContext;
import io.vertx.ext.web.RoutingContext;

/** STS's error model: {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>}. */
public final class StsErrors implements ProtocolErrors {

  static final String NAMESPACE = "https://sts.amazonaws.com/doc/2011-06-15/";

  @Override
  public ErrorCode forAuthFailure(AuthFailure failure) {
    return switch (failure) {
      case MISSING_AUTHENTICATION -> StsErrorCode.MISSING_AUTHENTICATION_TOKEN;
      case AUTHORIZATION_HEADER_MALFORMED, UNSUPPORTED_ALGORITHM, MISSING_DATE,
          AUTHORIZATION_QUERY_PARAMETERS_ERROR, MULTIPLE_AUTH_MECHANISMS, HEADERS_NOT_SIGNED,
          INVALID_PAYLOAD_HASH, MISSING_CONTENT_SHA256 -> StsErrorCode.INCOMPLETE_SIGNATURE;
      case INVALID_ACCESS_KEY_ID -> StsErrorCode.INVALID_CLIENT_TOKEN_ID;
      // AWS STS reports clock skew as a signature failure ("Signature expired").
      case SIGNATURE_DOES_NOT_MATCH, REQUEST_TIME_TOO_SKEWED -> StsErrorCode.SIGNATURE_DOES_NOT_MATCH;
      case REQUEST_EXPIRED, REQUEST_NOT_YET_VALID -> StsErrorCode.REQUEST_EXPIRED;
    };
  }

  @Override
  public ErrorCode internalError() {
    return StsErrorCode.INTERNAL_FAILURE;
  }

  @Override
  public ErrorCode notFound() {
    return StsErrorCode.INVALID_ACTION;
  }

  @Override
  public ErrorCode requestTooLarge() {
    return StsErrorCode.REQUEST_TOO_LARGE;
  }

  @Override
  public ErrorCode badRequest() {
    return StsErrorCode.INVALID_ACTION;
  }

  @Override
  public void write(RoutingContext ctx, RequestContext rc, ErrorCode code, String message) {
    String type = code instanceof StsErrorCode sts ? sts.faultType() : "Sender";
    String body = "<ErrorResponse xmlns=\"" + NAMESPACE + "\">"
        + "<Error><Type>" + type + "</Type>"
        + "<Code>" + XmlText.escape(code.code()) + "</Code>"
        + "<Message>" + XmlText.escape(message) + "</Message></Error>"
        + "<RequestId>" + rc.requestId() + "</RequestId>"
        + "</ErrorResponse>";
    ctx.response().setStatusCode(code.httpStatus()).putHeader("content-type", "text/xml").end(body);
  }
}
