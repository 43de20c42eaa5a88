package dev.minicloud.controlplane.compute.agent;

import io.vertx.core.Future;
import java.util.List;

/**
 * The compute agents as the instance service sees them: one call per agent operation, addressed by
 * agent (node) id. {@link AgentClient} implements it over the agents' internal HTTP API; tests use
 * an in-memory fake. Failures are {@link dev.minicloud.common.error.ApiException}s with public codes
 * ({@code InvalidInstanceID.NotFound} when the agent has no such instance, {@code ServiceUnavailable}
 * when it cannot be reached).
 */
public interface ComputeAgents {

  Future<AgentInstanceView> launch(String agentId, AgentLaunch launch);

  Future<AgentInstanceView> start(String agentId, String instanceId);

  Future<AgentInstanceView> stop(String agentId, String instanceId);

  Future<AgentInstanceView> reboot(String agentId, String instanceId);

  Future<AgentInstanceView> terminate(String agentId, String instanceId);

  Future<List<AgentInstanceView>> list(String agentId);

  Future<String> console(String agentId, String instanceId, int tail);

  Future<AgentInstanceView.ExecOutput> exec(String agentId, String instanceId, List<String> command, int timeoutSeconds);
}
