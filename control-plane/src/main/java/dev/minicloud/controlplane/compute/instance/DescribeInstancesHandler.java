package dev.minicloud.controlplane.compute.instance;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.compute.ComputeJson;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /compute/v1/instances}: the caller's instances, filtered by {@code instanceId} and
 * {@code state} (each repeatable or comma-separated), {@code instanceType}, {@code imageId} and
 * {@code tag:KEY=VALUE}, in
 * pages of {@code maxResults} (default and most 1000) continued with {@code nextToken}.
 */
public final class DescribeInstancesHandler implements Handler<RoutingContext> {

  private final InstanceService instances;

  public DescribeInstancesHandler(InstanceService instances) {
    this.instances = instances;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String account = ComputeJson.account(ctx, "compute:DescribeInstances");
    Set<InstanceState> states = EnumSet.noneOf(InstanceState.class);
    for (String value : ctx.queryParam("state")) {
      for (String name : value.split(",")) {
        try {
          states.add(InstanceState.fromWire(name.trim()));
        } catch (IllegalArgumentException e) {
          throw new ApiException(ApiErrorCode.INVALID_PARAMETER_VALUE, "Unknown state '" + name + "'.");
        }
      }
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (String name : ctx.queryParams().names()) {
      if (name.startsWith("tag:")) {
        tags.put(name.substring(4), ctx.queryParams().get(name));
      }
    }
    Set<String> ids = new java.util.HashSet<>();
    for (String value : ctx.queryParam("instanceId")) {
      for (String id : value.split(",")) {
        ids.add(id.trim());
      }
    }
    int maxResults = ComputeJson.intParam(ctx, "maxResults", 1000, 1, 1000);
    InstanceService.Page page = instances.list(account, new InstanceService.Filters(states,
        ctx.request().getParam("instanceType"), ctx.request().getParam("imageId"), tags, ids), maxResults,
        ctx.request().getParam("nextToken"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("instances", page.instances().stream().map(InstanceView::of).toList());
    if (page.nextToken() != null) {
      body.put("nextToken", page.nextToken());
    }
    ComputeJson.write(ctx, 200, body);
  }
}
