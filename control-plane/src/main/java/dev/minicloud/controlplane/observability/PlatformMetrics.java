package dev.minicloud.controlplane.observability;

import dev.minicloud.common.cluster.NodeKind;
import dev.minicloud.controlplane.cluster.NodeRegistry;
import dev.minicloud.controlplane.cluster.NodeState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/** Platform gauges (for operating MiniCloud, not for billing): node counts by kind and state. */
public final class PlatformMetrics {

  private PlatformMetrics() {}

  public static void bindNodeGauges(MeterRegistry registry, NodeRegistry nodes) {
    for (NodeKind kind : NodeKind.values()) {
      for (NodeState state : NodeState.values()) {
        Gauge.builder("minicloud.nodes", nodes, n -> n.count(kind, state))
            .description("Nodes known to the control plane, by kind and state")
            .tag("kind", kind.wireName())
            .tag("state", state.wireName())
            .register(registry);
      }
    }
  }
}
