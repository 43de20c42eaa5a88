package dev.minicloud.controlplane.compute.instance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One instance as the control plane records it (table INSTANCES, key {@code i/<account>/<id>}).
 * Metering reads {@link #accountId}, {@link #instanceType} and {@link #runningIntervals}: one
 * interval per period the instance ran, open (no {@code end}) while it runs. A reboot does not end
 * an interval; stop, terminate and an instance found dead do.
 *
 * @param instanceId {@code i-} + 17 hex digits
 * @param accountId the owner
 * @param imageId the image it was launched from
 * @param instanceType its type name
 * @param agentId the compute agent it is placed on
 * @param state its state
 * @param stateReason why it is in that state, EC2-style (e.g. {@code Client.UserInitiatedShutdown})
 * @param launchTime when it was launched
 * @param terminatedAt when it became terminated (it stays describable for an hour after)
 * @param tags its tags
 * @param requestedPorts the ingress ports asked for at launch
 * @param ports the published ports while running
 * @param clientToken the idempotency token of the run call, if any
 * @param runningIntervals the periods it ran
 * @param version incremented on every write (optimistic concurrency with the reconciler)
 * @param updatedAt when the record last changed
 * @param operation an operation in flight that does not show as a state (a reboot: EC2 keeps
 *     such an instance {@code running}), so the reconciler leaves the record alone; null when none
 */
public record InstanceRecord(
    String instanceId, String accountId, String imageId, String instanceType, String agentId, InstanceState state,
    String stateReason, Instant launchTime, Instant terminatedAt, Map<String, String> tags,
    List<Integer> requestedPorts, List<PortView> ports, String clientToken, List<RunningInterval> runningIntervals,
    long version, Instant updatedAt, String operation) {

  public InstanceRecord {
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    requestedPorts = requestedPorts == null ? List.of() : List.copyOf(requestedPorts);
    ports = ports == null ? List.of() : List.copyOf(ports);
    runningIntervals = runningIntervals == null ? List.of() : List.copyOf(runningIntervals);
  }

  /** A period the instance ran: {@code end} is null while it still runs. */
  public record RunningInterval(Instant start, Instant end) {}

  /** A published port: {@code hostAddress:hostPort} reaches the instance's {@code containerPort}. */
  public record PortView(int containerPort, String hostAddress, int hostPort) {}

  /** This record in {@code next} state, with a reason and the ports now published. */
  public InstanceRecord withState(InstanceState next, String reason, List<PortView> newPorts, Instant now) {
    List<RunningInterval> intervals = runningIntervals;
    boolean open = !intervals.isEmpty() && intervals.get(intervals.size() - 1).end() == null;
    if (next == InstanceState.RUNNING && !open) {
      intervals = new ArrayList<>(intervals);
      intervals.add(new RunningInterval(now, null));
    } else if ((next == InstanceState.STOPPED || next == InstanceState.TERMINATED) && open) {
      intervals = new ArrayList<>(intervals);
      RunningInterval last = intervals.remove(intervals.size() - 1);
      intervals.add(new RunningInterval(last.start(), now));
    }
    Instant terminated = next == InstanceState.TERMINATED && terminatedAt == null ? now : terminatedAt;
    List<PortView> published = next == InstanceState.RUNNING ? newPorts : List.of();
    return new InstanceRecord(instanceId, accountId, imageId, instanceType, agentId, next, reason, launchTime,
        terminated, tags, requestedPorts, published, clientToken, intervals, version, now, null);
  }

  /** This record with an operation in flight (or none, with null). */
  public InstanceRecord withOperation(String op, Instant now) {
    return new InstanceRecord(instanceId, accountId, imageId, instanceType, agentId, state, stateReason, launchTime,
        terminatedAt, tags, requestedPorts, ports, clientToken, runningIntervals, version, now, op);
  }

  InstanceRecord withVersion(long v) {
    return new InstanceRecord(instanceId, accountId, imageId, instanceType, agentId, state, stateReason, launchTime,
        terminatedAt, tags, requestedPorts, ports, clientToken, runningIntervals, v, updatedAt, operation);
  }
}
