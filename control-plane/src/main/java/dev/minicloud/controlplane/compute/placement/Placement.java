package dev.minicloud.controlplane.compute.placement;

import dev.minicloud.common.cluster.NodeKind;
import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.cluster.NodeRecord;
import dev.minicloud.controlplane.cluster.NodeRegistry;
import dev.minicloud.controlplane.compute.type.InstanceType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses compute agents for new instances: among agents that are up and whose Docker engine
 * answers, those with room for the type (memory strictly; CPU up to {@link #CPU_OVERCOMMIT} times
 * the agent's CPUs, since instances mostly idle), preferring the least-loaded (by memory share), so
 * instances spread over agents. Capacity comes from the agents' heartbeats; what is allocated comes
 * from the caller (the instances not stopped or terminated).
 */
public final class Placement {

  /** CPU quota may add up to this many times an agent's CPUs. */
  public static final int CPU_OVERCOMMIT = 8;

  private final NodeRegistry nodes;

  public Placement(NodeRegistry nodes) {
    this.nodes = nodes;
  }

  /** What is already allocated on one agent. */
  public record Allocation(long cpuMillis, long memoryBytes) {
    Allocation plus(InstanceType t) {
      return new Allocation(cpuMillis + t.cpuMillis(), memoryBytes + t.memoryBytes());
    }
  }

  /**
   * Places {@code count} instances of {@code type} (between {@code minCount} and {@code count});
   * returns one agent id per placed instance.
   *
   * @throws ApiException {@code InsufficientInstanceCapacity} when fewer than {@code minCount} fit
   */
  public List<String> place(InstanceType type, int minCount, int count, Map<String, Allocation> allocated) {
    Map<String, Allocation> load = new HashMap<>(allocated);
    List<NodeRecord> agents = nodes.up(NodeKind.COMPUTE).stream()
        .filter(n -> Boolean.TRUE.equals(n.capacity().get("dockerAvailable")))
        .toList();
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      NodeRecord best = agents.stream()
          .filter(a -> fits(a, load.getOrDefault(a.nodeId(), new Allocation(0, 0)).plus(type)))
          .min(Comparator.comparingDouble((NodeRecord a) -> share(a, load.getOrDefault(a.nodeId(), new Allocation(0, 0))))
              .thenComparing(NodeRecord::nodeId))
          .orElse(null);
      if (best == null) {
        break;
      }
      chosen.add(best.nodeId());
      load.merge(best.nodeId(), new Allocation(type.cpuMillis(), type.memoryBytes()),
          (a, b) -> new Allocation(a.cpuMillis() + b.cpuMillis(), a.memoryBytes() + b.memoryBytes()));
    }
    if (chosen.size() < minCount) {
      throw new ApiException(ApiErrorCode.INSUFFICIENT_INSTANCE_CAPACITY, "There is not enough capacity for "
          + minCount + " instance(s) of type " + type.instanceType() + " (room for " + chosen.size() + ").");
    }
    return chosen;
  }

  private static boolean fits(NodeRecord agent, Allocation after) {
    return after.memoryBytes() <= memory(agent) && after.cpuMillis() <= cpus(agent) * 1000L * CPU_OVERCOMMIT;
  }

  private static double share(NodeRecord agent, Allocation allocation) {
    long memory = memory(agent);
    return memory == 0 ? 1.0 : (double) allocation.memoryBytes() / memory;
  }

  private static long memory(NodeRecord agent) {
    return agent.capacity().get("memoryBytes") instanceof Number n ? n.longValue() : 0;
  }

  private static long cpus(NodeRecord agent) {
    return agent.capacity().get("cpus") instanceof Number n ? n.longValue() : 0;
  }
}
