package dev.minicloud.controlplane.compute.instance;

import dev.minicloud.controlplane.compute.ComputeJson;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.Map;

/** {@code POST /compute/v1/instances}: launches instances; answers once they run, {@code {"instances":[...]}}. */
public final class RunInstancesHandler implements Handler<RoutingContext> {

  private final InstanceService instances;

  public RunInstancesHandler(InstanceService instances) {
    this.instances = instances;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String account = ComputeJson.account(ctx, "compute:RunInstances");
    RunRequest request = ComputeJson.body(ctx, RunRequest.class);
    instances.run(account, request)
        .onSuccess(launched -> ComputeJson.write(ctx, 200,
            Map.of("instances", launched.stream().map(InstanceView::of).toList())))
        .onFailure(ctx::fail);
  }
}
