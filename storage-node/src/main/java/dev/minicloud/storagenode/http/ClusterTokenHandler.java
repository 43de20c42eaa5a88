package dev.minicloud.storagenode.http;

import dev.minicloud.common.cluster.ClusterToken;
import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits a request to the internal API only with the cluster token in {@value ClusterToken#HEADER}
 * (compared in constant time); anything else fails with {@code 401 InvalidClusterToken}.
 */
public final class ClusterTokenHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterTokenHandler.class);

  private final ClusterToken token;

  public ClusterTokenHandler(ClusterToken token) {
    this.token = Objects.requireNonNull(token, "token");
  }

  @Override
  public void handle(RoutingContext ctx) {
    String presented = ctx.request().getHeader(ClusterToken.HEADER);
    if (token.matches(presented)) {
      ctx.next();
      return;
    }
    String why = presented == null ? "Missing " + ClusterToken.HEADER + " header." : "Wrong cluster token.";
    LOG.debug("Refused {} {} from {}: {}", ctx.request().method(), ctx.request().path(),
        ctx.request().remoteAddress(), why);
    ctx.fail(new ApiException(ApiErrorCode.INVALID_CLUSTER_TOKEN, why));
  }
}
