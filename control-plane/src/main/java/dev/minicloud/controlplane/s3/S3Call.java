package dev.minicloud.controlplane.s3;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.http.RequestContext;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/** One S3 request on its way through a handler: the parsed request, its context and its response. */
public final class S3Call {

  private final RoutingContext ctx;
  private final S3Request request;
  private final S3Operation operation;
  private final S3Authorizer authorizer;

  S3Call(RoutingContext ctx, S3Request request, S3Operation operation, S3Authorizer authorizer) {
    this.ctx = ctx;
    this.request = request;
    this.operation = operation;
    this.authorizer = authorizer;
  }

  /**
   * Whether the caller may also perform {@code action} on {@code key} in this call's bucket (the
   * policy engine's decision), for operations whose objects are listed in the body (DeleteObjects).
   * Call it on the event loop.
   */
  public boolean allows(String action, String key) {
    return authorizer.allowsObject(this, action, key);
  }

  public S3Request s3() {
    return request;
  }

  public S3Operation operation() {
    return operation;
  }

  public String bucket() {
    return request.bucket();
  }

  public String key() {
    return request.key();
  }

  public HttpServerRequest http() {
    return ctx.request();
  }

  public HttpServerResponse response() {
    return ctx.response();
  }

  public RequestContext context() {
    return RequestContext.of(ctx);
  }

  public RoutingContext routing() {
    return ctx;
  }

  /**
   * The authenticated caller, or null for an anonymous request (which reaches a handler only when a
   * bucket policy or ACL grants it to everyone).
   */
  public Principal principal() {
    return RequestContext.of(ctx).principal();
  }

  public String header(String name) {
    return ctx.request().getHeader(name);
  }

  /** Ends the call with an XML document. */
  public void xml(int status, String document) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/xml").end(document);
  }

  /** Ends the call with no body. */
  public void empty(int status) {
    ctx.response().setStatusCode(status).end();
  }

  /** Routes a failure to the one error writer. */
  public void fail(Throwable failure) {
    if (!ctx.failed()) {
      ctx.fail(failure);
    }
  }

  /** Fails the call when {@code future} fails; for handlers that finish asynchronously. */
  public <T> Future<T> guard(Future<T> future) {
    return future.onFailure(this::fail);
  }

  public static ApiException error(S3ErrorCode code, String message) {
    return new ApiException(code, message);
  }
}
