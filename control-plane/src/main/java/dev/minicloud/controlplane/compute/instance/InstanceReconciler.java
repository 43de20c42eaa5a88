package dev.minicloud.controlplane.compute.instance;

import dev.minicloud.controlplane.cluster.NodeRecord;
import dev.minicloud.controlplane.cluster.NodeRegistry;
import dev.minicloud.controlplane.cluster.NodeState;
import dev.minicloud.controlplane.compute.agent.ComputeAgents;
import dev.minicloud.controlplane.compute.agent.AgentInstanceView;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the records in line with what the agents actually run, periodically and after a control
 * plane restart: an instance whose container exited (killed, crashed, stopped behind the
 * platform's back) becomes {@code stopped}; one whose container is gone becomes {@code terminated};
 * one running again (started behind our back) becomes {@code running}. Records an operation in
 * flight owns (pending, stopping, shutting-down) are left alone for {@link #IN_FLIGHT_GRACE}, after
 * which they are settled too (an interrupted terminate is finished). Each update is a
 * compare-and-set on the version read before asking the agent, so it never overwrites a newer
 * operation's result. Terminated records are deleted an hour after termination. Agents that are
 * down are skipped: their instances keep their last known state.
 */
public final class InstanceReconciler {

  /** How often the reconciler runs by default. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
  /** How long an operation in flight owns a transitional state. */
  public static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(60);

  private static final Logger LOG = LoggerFactory.getLogger(InstanceReconciler.class);

  private final InstanceStore store;
  private final ComputeAgents agents;
  private final NodeRegistry nodes;
  private final Clock clock;

  public InstanceReconciler(InstanceStore store, ComputeAgents agents, NodeRegistry nodes, Clock clock) {
    this.store = store;
    this.agents = agents;
    this.nodes = nodes;
    this.clock = clock;
  }

  /** One pass over every agent that is up; completes when all its updates are written. */
  public Future<Void> reconcileOnce() {
    Instant now = clock.instant();
    Map<String, List<InstanceRecord>> byAgent = new HashMap<>();
    for (InstanceRecord r : store.all()) {
      if (r.state() == InstanceState.TERMINATED) {
        if (r.terminatedAt() != null && r.terminatedAt().plus(InstanceService.TERMINATED_VISIBLE_FOR).isBefore(now)) {
          store.delete(r.accountId(), r.instanceId());
        }
        continue;
      }
      byAgent.computeIfAbsent(r.agentId(), a -> new ArrayList<>()).add(r);
    }
    List<Future<Void>> passes = new ArrayList<>();
    for (Map.Entry<String, List<InstanceRecord>> e : byAgent.entrySet()) {
      NodeRecord agent = nodes.get(e.getKey()).orElse(null);
      if (agent == null || agent.state() != NodeState.UP) {
        continue;
      }
      passes.add(agents.list(e.getKey())
          .compose(views -> settle(e.getValue(), views.stream()
              .collect(Collectors.toMap(AgentInstanceView::instanceId, Function.identity(), (a, b) -> a))))
          .recover(failure -> {
            LOG.debug("Reconciling agent {} skipped: {}", e.getKey(), failure.getMessage());
            return Future.succeededFuture();
          }));
    }
    return Future.join(passes).mapEmpty();
  }

  private Future<Void> settle(List<InstanceRecord> records, Map<String, AgentInstanceView> actual) {
    Instant now = clock.instant();
    List<Future<?>> pending = new ArrayList<>();
    for (InstanceRecord r : records) {
      if ((r.state().transitional() || r.operation() != null) && r.updatedAt().plus(IN_FLIGHT_GRACE).isAfter(now)) {
        continue;
      }
      AgentInstanceView view = actual.get(r.instanceId());
      if (view == null) {
        update(r, InstanceState.TERMINATED, "Server.InstanceGone: its container no longer exists", List.of());
      } else if (r.state() == InstanceState.SHUTTING_DOWN) {
        pending.add(agents.terminate(r.agentId(), r.instanceId())
            .onSuccess(v -> update(r, InstanceState.TERMINATED, r.stateReason(), List.of())));
      } else if ("running".equals(view.state())) {
        List<InstanceRecord.PortView> ports = InstanceService.ports(view);
        if (r.state() != InstanceState.RUNNING || !r.ports().equals(ports)) {
          update(r, InstanceState.RUNNING, r.state() == InstanceState.RUNNING ? r.stateReason() : "running", ports);
        }
      } else if ("stopped".equals(view.state()) && r.state() != InstanceState.STOPPED) {
        update(r, InstanceState.STOPPED, "Server.InstanceStopped: the container exited"
            + (view.exitCode() == null ? "" : " with status " + view.exitCode()) + " without a stop request", List.of());
      }
    }
    return Future.join(pending).mapEmpty();
  }

  private void update(InstanceRecord seen, InstanceState state, String reason, List<InstanceRecord.PortView> ports) {
    store.update(seen.accountId(), seen.instanceId(), seen.version(),
            r -> r.withState(state, reason, ports, clock.instant()))
        .ifPresent(r -> {
          if (seen.state() != state) {
            LOG.info("Instance {} of account {} is {} (was {}): {}", r.instanceId(), r.accountId(), state.wireName(),
                seen.state().wireName(), reason);
          }
        });
  }
}
