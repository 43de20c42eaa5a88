package dev.minicloud.controlplane.compute.instance;

import dev.minicloud.controlplane.compute.ComputeJson;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /compute/v1/instances/{id}/reboot}: restarts a running instance (its user data runs again). */
public final class RebootInstanceHandler implements Handler<RoutingContext> {

  private final InstanceService instances;

  public RebootInstanceHandler(InstanceService instances) {
    this.instances = instances;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String account = ComputeJson.account(ctx, "compute:RebootInstances");
    instances.reboot(account, ctx.pathParam("id"))
        .onSuccess(change -> ComputeJson.write(ctx, 200, change))
        .onFailure(ctx::fail);
  }
}
