package dev.minicloud.controlplane.compute.instance;

import dev.minicloud.controlplane.compute.ComputeJson;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /compute/v1/instances/{id}/console?tail=N}: the last N (default 100, at most 10000) lines of stdout and stderr, user-data output included. */
public final class GetConsoleOutputHandler implements Handler<RoutingContext> {

  private final InstanceService instances;

  public GetConsoleOutputHandler(InstanceService instances) {
    this.instances = instances;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String account = ComputeJson.account(ctx, "compute:GetConsoleOutput");
    String id = ctx.pathParam("id");
    int tail = ComputeJson.intParam(ctx, "tail", 100, 1, 10_000);
    instances.console(account, id, tail)
        .onSuccess(output -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("instanceId", id);
          body.put("timestamp", Instant.now().toString());
          body.put("output", output);
          ComputeJson.write(ctx, 200, body);
        })
        .onFailure(ctx::fail);
  }
}
