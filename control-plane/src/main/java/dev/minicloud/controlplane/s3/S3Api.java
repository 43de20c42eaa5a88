package dev.minicloud.controlplane.s3;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.http.RequestContext;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumMap;
import java.util.Map;

/**
 * The S3 REST API's dispatch: parses bucket, key and sub-resource, resolves the operation and
 * calls its handler, once the {@link S3Authorizer} (the policy engine) has allowed the call. Every handler is registered in {@link S3Handlers}, one line each; an
 * operation without one answers NotImplemented.
 */
public final class S3Api implements Handler<RoutingContext> {

  /** Where the parsed request is kept, so that errors can name the bucket and key as S3 does. */
  static final String PARSED_REQUEST = S3Api.class.getName() + ".request";

  private final Map<S3Operation, S3Handler> handlers;
  private final String virtualHostDomain;
  private final S3Authorizer authorizer;

  public S3Api(Map<S3Operation, S3Handler> handlers, String virtualHostDomain, S3Authorizer authorizer) {
    this.handlers = new EnumMap<>(handlers);
    this.virtualHostDomain = virtualHostDomain;
    this.authorizer = authorizer;
  }

  @Override
  public void handle(RoutingContext ctx) {
    S3Request request = S3Request.parse(ctx.request().uri(), ctx.request().getHeader("host"), virtualHostDomain);
    ctx.put(PARSED_REQUEST, request);
    S3Operation operation = S3OperationResolver.resolve(ctx.request().method().name(), request,
        ctx.request().getHeader("x-amz-copy-source") != null);
    RequestContext.of(ctx).action(operation.action());
    RequestContext.of(ctx).requestTier(operation.tier());
    ctx.request().routed("s3:" + operation.name().toLowerCase(java.util.Locale.ROOT));
    S3Handler handler = handlers.get(operation);
    if (handler == null) {
      throw new ApiException(S3ErrorCode.NOT_IMPLEMENTED, operation + " is not implemented yet.");
    }
    if (request.key() != null && request.key().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
        > S3Request.MAX_KEY_BYTES) {
      throw new ApiException(S3ErrorCode.KEY_TOO_LONG, "Your key is too long (the limit is 1024 bytes of UTF-8).");
    }
    S3Call call = new S3Call(ctx, request, operation, authorizer);
    authorizer.authorize(call);
    try {
      handler.handle(call);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
