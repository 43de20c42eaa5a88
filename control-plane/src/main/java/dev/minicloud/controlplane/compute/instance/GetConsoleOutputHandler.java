package dev.minicloud.controlplane.compute.instance;

import dev.minicloud.controlplane.compute.ComputeJson;
import dev.minicloud.controlplane.compute.agent.AgentClient;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /compute/v1/instances/{id}/console?tail=N}: the last N (default 100, at most 10000)
 * lines of stdout and stderr, user-data output included, as {@code {"instanceId","timestamp","output"}}.
 * With {@code follow=true}: a chunked {@code text/plain} stream of those lines and everything
 * written after, until the instance stops or the caller hangs up.
 */
public final class GetConsoleOutputHandler implements Handler<RoutingContext> {

  private final InstanceService instances;
  private final AgentClient agents;

  public GetConsoleOutputHandler(InstanceService instances, AgentClient agents) {
    this.instances = instances;
    this.agents = agents;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String account = ComputeJson.account(ctx, "compute:GetConsoleOutput");
    String id = ctx.pathParam("id");
    int tail = ComputeJson.intParam(ctx, "tail", 100, 1, 10_000);
    if ("true".equals(ctx.request().getParam("follow"))) {
      HttpServerResponse response = ctx.response();
      instances.followConsole(agents, account, id, tail)
          .onSuccess(stream -> {
            response.setChunked(true).putHeader("content-type", "text/plain; charset=utf-8");
            response.closeHandler(v -> stream.request().reset());
            stream.pipeTo(response);
          })
          .onFailure(ctx::fail);
      return;
    }
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
