package dev.minicloud.controlplane.compute.instance;

import dev.minicloud.controlplane.compute.ComputeJson;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** {@code POST /compute/v1/instances/{id}/exec} {@code {"command":[...],"timeoutSeconds":N}}: runs a command in a running instance; returns {@code exitCode} (null on timeout), {@code stdout}, {@code stderr}, {@code timedOut}. */
public final class ExecCommandHandler implements Handler<RoutingContext> {

  private final InstanceService instances;

  public ExecCommandHandler(InstanceService instances) {
    this.instances = instances;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String account = ComputeJson.account(ctx, "compute:ExecCommand");
    ExecRequest request = ComputeJson.body(ctx, ExecRequest.class);
    instances.exec(account, ctx.pathParam("id"), request.command(), request.timeoutSeconds())
        .onSuccess(result -> ComputeJson.write(ctx, 200, result))
        .onFailure(ctx::fail);
  }

  /** The request body. */
  public record ExecRequest(List<String> command, Integer timeoutSeconds) {
  }
}
