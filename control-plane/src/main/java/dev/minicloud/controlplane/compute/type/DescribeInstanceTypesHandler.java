package dev.minicloud.controlplane.compute.type;

import dev.minicloud.controlplane.compute.ComputeJson;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code GET /compute/v1/instance-types}: the catalogue of instance types. */
public final class DescribeInstanceTypesHandler implements Handler<RoutingContext> {

  private final InstanceTypeCatalog types;

  public DescribeInstanceTypesHandler(InstanceTypeCatalog types) {
    this.types = types;
  }

  @Override
  public void handle(RoutingContext ctx) {
    ComputeJson.account(ctx, "compute:DescribeInstanceTypes");
    List<Map<String, Object>> out = types.all().stream().map(t -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("instanceType", t.instanceType());
      m.put("vcpus", t.vcpus());
      m.put("cpuMillis", t.cpuMillis());
      m.put("memoryMiB", t.memoryMiB());
      m.put("memoryBytes", t.memoryBytes());
      m.put("pidsLimit", t.pidsLimit());
      return m;
    }).toList();
    ComputeJson.write(ctx, 200, Map.of("instanceTypes", out));
  }
}
