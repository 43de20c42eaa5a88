package dev.minicloud.controlplane.http;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.error.ErrorCode;
import dev.minicloud.common.sigv4.SigV4Exception;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a failed request becomes an error response, in the protocol the request spoke.
 * Expected outcomes arrive as {@link ApiException} or {@link SigV4Exception}; anything else is a
 * bug: it is logged with the request id and the client gets InternalError without a stack trace.
 */
public final class FailureHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

  private final Map<ApiSurface, ProtocolErrors> protocols;

  public FailureHandler(Map<ApiSurface, ProtocolErrors> protocols) {
    this.protocols = new EnumMap<>(protocols);
    for (ApiSurface surface : ApiSurface.values()) {
      if (!this.protocols.containsKey(surface)) {
        throw new IllegalArgumentException("no error model for surface " + surface);
      }
    }
  }

  @Override
  public void handle(RoutingContext ctx) {
    RequestContext rc = RequestContext.of(ctx);
    if (ctx.response().headWritten()) {
      // Part of a response is already on the wire: the only honest signal left is to cut it.
      LOG.warn("{} failed after the response started: {}", rc.requestId(), String.valueOf(ctx.failure()));
      ctx.request().connection().close();
      return;
    }
    ProtocolErrors errors = protocols.get(rc.surface());
    Throwable failure = ctx.failure();
    ErrorCode code;
    String message;
    if (failure instanceof ApiException api) {
      code = api.errorCode();
      message = api.getMessage();
    } else if (failure instanceof SigV4Exception auth) {
      code = errors.forAuthFailure(auth.failure());
      message = auth.getMessage();
      if (LOG.isDebugEnabled() && auth.canonicalRequest().isPresent()) {
        // What AWS returns in SignatureDoesNotMatch bodies; no secret in it. Debug only.
        LOG.debug("{} {}: canonical request:\n{}\nstring to sign:\n{}", rc.requestId(), auth.failure(),
            auth.canonicalRequest().get(), auth.stringToSign().orElse(""));
      }
    } else if (failure == null && ctx.statusCode() == 413) {
      code = errors.requestTooLarge();
      message = code.defaultMessage();
    } else if (failure == null && ctx.statusCode() == 404) {
      code = errors.notFound();
      message = code.defaultMessage();
    } else if (failure == null && ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
      code = errors.badRequest();
      message = code.defaultMessage();
    } else {
      LOG.error("{} internal error on {} {}", rc.requestId(), ctx.request().method(), ctx.request().path(), failure);
      code = errors.internalError();
      message = code.defaultMessage();
    }
    rc.errorCode(code.code());
    errors.write(ctx, rc, code, message);
  }
}
