package dev.minicloud.controlplane.cluster;

import dev.minicloud.common.cluster.ClusterToken;
import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Admits internal (node-to-control-plane) calls only with the cluster token, compared in constant time. */
public final class ClusterTokenGuard implements Handler<RoutingContext> {

  private final ClusterToken token;

  public ClusterTokenGuard(ClusterToken token) {
    this.token = token;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (!token.matches(ctx.request().getHeader(ClusterToken.HEADER))) {
      throw new ApiException(ApiErrorCode.INVALID_CLUSTER_TOKEN);
    }
    ctx.next();
  }
}
