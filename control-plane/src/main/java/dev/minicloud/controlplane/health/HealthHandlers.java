package dev.minicloud.controlplane.health;

import dev.minicloud.common.cluster.NodeKind;
import dev.minicloud.controlplane.cluster.NodeRegistry;
import dev.minicloud.controlplane.cluster.NodeState;
import dev.minicloud.controlplane.metadata.MetadataStore;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: the metadata store is open and
 * at least one storage node is up, so object requests can succeed.
 */
public final class HealthHandlers {

  private final MetadataStore store;
  private final NodeRegistry registry;

  public HealthHandlers(MetadataStore store, NodeRegistry registry) {
    this.store = store;
    this.registry = registry;
  }

  public void live(RoutingContext ctx) {
    ctx.response().putHeader("content-type", "application/json").end("{\"status\":\"up\"}");
  }

  public void ready(RoutingContext ctx) {
    boolean metadata = store.isOpen();
    long storageUp = registry.count(NodeKind.STORAGE, NodeState.UP);
    boolean ready = metadata && storageUp > 0;
    ctx.response()
        .setStatusCode(ready ? 200 : 503)
        .putHeader("content-type", "application/json")
        .end(new JsonObject()
            .put("status", ready ? "ready" : "not-ready")
            .put("metadataStore", metadata ? "open" : "closed")
            .put("storageNodesUp", storageUp)
            .put("computeAgentsUp", registry.count(NodeKind.COMPUTE, NodeState.UP))
            .encode());
  }
}
