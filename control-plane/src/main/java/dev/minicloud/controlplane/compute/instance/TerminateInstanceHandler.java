package dev.minicloud.controlplane.compute.instance;

import dev.minicloud.controlplane.compute.ComputeJson;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code DELETE /compute/v1/instances/{id}}: removes the container; the record stays describable as terminated for an hour. */
public final class TerminateInstanceHandler implements Handler<RoutingContext> {

  private final InstanceService instances;

  public TerminateInstanceHandler(InstanceService instances) {
    this.instances = instances;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String account = ComputeJson.account(ctx, "compute:TerminateInstances");
    instances.terminate(account, ctx.pathParam("id"))
        .onSuccess(change -> ComputeJson.write(ctx, 200, change))
        .onFailure(ctx::fail);
  }
}
