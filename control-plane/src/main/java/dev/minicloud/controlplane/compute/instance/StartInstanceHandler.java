package dev.minicloud.controlplane.compute.instance;

import dev.minicloud.controlplane.compute.ComputeJson;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /compute/v1/instances/{id}/start}: stopped to running; returns previous and current state. */
public final class StartInstanceHandler implements Handler<RoutingContext> {

  private final InstanceService instances;

  public StartInstanceHandler(InstanceService instances) {
    this.instances = instances;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String account = ComputeJson.account(ctx, "compute:StartInstances");
    instances.start(account, ctx.pathParam("id"))
        .onSuccess(change -> ComputeJson.write(ctx, 200, change))
        .onFailure(ctx::fail);
  }
}
