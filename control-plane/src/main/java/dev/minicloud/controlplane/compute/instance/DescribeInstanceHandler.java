package dev.minicloud.controlplane.compute.instance;

import dev.minicloud.controlplane.compute.ComputeJson;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /compute/v1/instances/{id}}: one of the caller's instances. */
public final class DescribeInstanceHandler implements Handler<RoutingContext> {

  private final InstanceService instances;

  public DescribeInstanceHandler(InstanceService instances) {
    this.instances = instances;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String account = ComputeJson.account(ctx, "compute:DescribeInstances");
    ComputeJson.write(ctx, 200, InstanceView.of(instances.describe(account, ctx.pathParam("id"))));
  }
}
