package dev.minicloud.controlplane.compute;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.compute.agent.AgentInstanceView;
import dev.minicloud.controlplane.compute.agent.AgentLaunch;
import dev.minicloud.controlplane.compute.agent.ComputeAgents;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Test fixture: compute agents in memory. Each instance is a state word per agent; tests can kill or
 * remove one behind the control plane's back, and make an agent unreachable.
 */
public final class FakeComputeAgents implements ComputeAgents {

  /** agent id -> instance id -> state ("running"/"stopped"). */
  private final Map<String, Map<String, String>> agents = new ConcurrentHashMap<>();
  private final Map<String, AgentLaunch> launches = new ConcurrentHashMap<>();
  private final List<String> calls = new ArrayList<>();
  private volatile String unreachable;
  private volatile Runnable duringReboot = () -> { };

  /** Runs {@code hook} while a reboot has the container stopped, before it starts again. */
  public void duringReboot(Runnable hook) {
    this.duringReboot = hook;
  }

  public void kill(String agentId, String instanceId) {
    agents.get(agentId).put(instanceId, "stopped");
  }

  public void remove(String agentId, String instanceId) {
    agents.get(agentId).remove(instanceId);
  }

  public void unreachable(String agentId) {
    this.unreachable = agentId;
  }

  public Map<String, String> on(String agentId) {
    return agents.getOrDefault(agentId, Map.of());
  }

  public AgentLaunch launchOf(String instanceId) {
    return launches.get(instanceId);
  }

  public synchronized List<String> calls() {
    return new ArrayList<>(calls);
  }

  @Override
  public Future<AgentInstanceView> launch(String agentId, AgentLaunch launch) {
    return call(agentId, "launch " + launch.instanceId(), () -> {
      launches.put(launch.instanceId(), launch);
      agents.computeIfAbsent(agentId, a -> new ConcurrentHashMap<>()).putIfAbsent(launch.instanceId(), "running");
      return view(agentId, launch.instanceId());
    });
  }

  @Override
  public Future<AgentInstanceView> start(String agentId, String instanceId) {
    return call(agentId, "start " + instanceId, () -> set(agentId, instanceId, "running"));
  }

  @Override
  public Future<AgentInstanceView> stop(String agentId, String instanceId) {
    return call(agentId, "stop " + instanceId, () -> set(agentId, instanceId, "stopped"));
  }

  @Override
  public Future<AgentInstanceView> reboot(String agentId, String instanceId) {
    return call(agentId, "reboot " + instanceId, () -> {
      set(agentId, instanceId, "stopped");
      duringReboot.run();
      return set(agentId, instanceId, "running");
    });
  }

  @Override
  public Future<AgentInstanceView> terminate(String agentId, String instanceId) {
    return call(agentId, "terminate " + instanceId, () -> {
      on(agentId).remove(instanceId);
      return new AgentInstanceView(instanceId, null, "terminated", null, null, null, List.of());
    });
  }

  @Override
  public Future<List<AgentInstanceView>> list(String agentId) {
    return call(agentId, "list", () -> on(agentId).keySet().stream().map(id -> view(agentId, id)).toList());
  }

  @Override
  public Future<String> console(String agentId, String instanceId, int tail) {
    return call(agentId, "console " + instanceId, () -> {
      view(agentId, instanceId);
      return "console of " + instanceId;
    });
  }

  @Override
  public Future<AgentInstanceView.ExecOutput> exec(String agentId, String instanceId, List<String> command,
      int timeoutSeconds) {
    return call(agentId, "exec " + instanceId, () -> new AgentInstanceView.ExecOutput(0, String.join(" ", command), "", false));
  }

  private AgentInstanceView set(String agentId, String instanceId, String state) {
    view(agentId, instanceId);
    agents.get(agentId).put(instanceId, state);
    return view(agentId, instanceId);
  }

  private AgentInstanceView view(String agentId, String instanceId) {
    String state = on(agentId).get(instanceId);
    if (state == null) {
      throw new ApiException(ApiErrorCode.INVALID_INSTANCE_ID_NOT_FOUND, "no " + instanceId + " on " + agentId);
    }
    List<AgentInstanceView.Port> ports = "running".equals(state) && launches.containsKey(instanceId)
        ? launches.get(instanceId).ports().stream().map(p -> new AgentInstanceView.Port(p, "127.0.0.1", 30000 + p)).toList()
        : List.of();
    return new AgentInstanceView(instanceId, "c-" + instanceId, state, null, null, null, ports);
  }

  private interface Work<T> {
    T get();
  }

  private <T> Future<T> call(String agentId, String what, Work<T> work) {
    synchronized (this) {
      calls.add(agentId + " " + what);
    }
    if (agentId.equals(unreachable)) {
      return Future.failedFuture(new ApiException(ApiErrorCode.SERVICE_UNAVAILABLE, agentId + " unreachable"));
    }
    try {
      return Future.succeededFuture(work.get());
    } catch (ApiException e) {
      return Future.failedFuture(e);
    }
  }
}
