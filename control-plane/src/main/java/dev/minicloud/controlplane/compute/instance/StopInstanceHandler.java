package dev.minicloud.controlplane.compute.instance;

import dev.minicloud.controlplane.compute.ComputeJson;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /compute/v1/instances/{id}/stop}: running to stopped; returns previous and current state. */
public final class StopInstanceHandler implements Handler<RoutingContext> {

  private final InstanceService instances;

  public StopInstanceHandler(InstanceService instances) {
    this.instances = instances;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String account = ComputeJson.account(ctx, "compute:StopInstances");
    instances.stop(account, ctx.pathParam("id"))
        .onSuccess(change -> ComputeJson.write(ctx, 200, change))
        .onFailure(ctx::fail);
  }
}
