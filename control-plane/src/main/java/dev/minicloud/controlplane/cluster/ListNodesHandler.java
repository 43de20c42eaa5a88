package dev.minicloud.controlplane.cluster;

import dev.minicloud.common.json.Json;
import dev.minicloud.controlplane.http.RequestContext;
import io.vertx.ext.web.RoutingContext;
import io.vertx.core.Handler;
import java.util.List;
import java.util.Map;

/** {@code GET /admin/v1/nodes}: every known node with state, endpoint, capacity and last heartbeat. */
public final class ListNodesHandler implements Handler<RoutingContext> {

  private final NodeRegistry registry;

  public ListNodesHandler(NodeRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(RoutingContext ctx) {
    RequestContext.of(ctx).action("admin:ListNodes");
    List<NodeRecord> nodes = registry.list();
    ctx.response().putHeader("content-type", "application/json").end(Json.toString(Map.of("nodes", nodes)));
  }
}
