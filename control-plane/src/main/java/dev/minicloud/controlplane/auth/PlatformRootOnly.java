package dev.minicloud.controlplane.auth;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.http.RequestContext;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Admits only the platform root user (the operator) to the admin API. */
public final class PlatformRootOnly implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext ctx) {
    Principal principal = RequestContext.of(ctx).principal();
    if (principal == null || !principal.platformRoot() || !principal.isAccountRoot()) {
      throw new ApiException(ApiErrorCode.ACCESS_DENIED, "Only the platform root user may call the admin API.");
    }
    ctx.next();
  }
}
