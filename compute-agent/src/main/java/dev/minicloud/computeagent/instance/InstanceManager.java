package dev.minicloud.computeagent.instance;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.computeagent.runtime.ContainerConflictException;
import dev.minicloud.computeagent.runtime.ContainerInfo;
import dev.minicloud.computeagent.runtime.ContainerNotFoundException;
import dev.minicloud.computeagent.runtime.ContainerRuntime;
import dev.minicloud.computeagent.runtime.ContainerSpec;
import dev.minicloud.computeagent.runtime.ContainerStatus;
import dev.minicloud.computeagent.runtime.ExecResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance lifecycle on this agent's engine. Stateless: every call finds the instance's
 * container by its labels, so an agent restarted (or a second agent object on the same engine and
 * node id) sees the same instances. Blocking; call off the event loop. Thread-safe.
 */
public final class InstanceManager {

  /** Prefix of container names: {@code minicloud-i-0123...}. */
  public static final String CONTAINER_PREFIX = "minicloud-";

  private static final Logger LOG = LoggerFactory.getLogger(InstanceManager.class);
  private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{8,17}");

  private final ContainerRuntime runtime;
  private final String agentId;
  private final String network;
  private final String hostAddress;
  private final Duration stopGrace;
  private volatile boolean networkReady;

  /**
   * @param runtime the engine
   * @param agentId this agent's node id (written on, and required of, every container it manages)
   * @param network the bridge network instances join
   * @param hostAddress the host address ports are published on
   * @param stopGrace time a stopping instance gets between SIGTERM and SIGKILL
   */
  public InstanceManager(ContainerRuntime runtime, String agentId, String network, String hostAddress,
      Duration stopGrace) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
    this.agentId = Objects.requireNonNull(agentId, "agentId");
    this.network = Objects.requireNonNull(network, "network");
    this.hostAddress = Objects.requireNonNull(hostAddress, "hostAddress");
    this.stopGrace = Objects.requireNonNull(stopGrace, "stopGrace");
  }

  /**
   * Creates and starts the instance's container. Idempotent on the instance id: a retried launch
   * returns the container the first one created.
   */
  public AgentInstance launch(LaunchRequest request) {
    validate(request);
    if (!networkReady) {
      runtime.ensureNetwork(network);
      networkReady = true;
    }
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(InstanceLabels.MANAGED, "true");
    labels.put(InstanceLabels.AGENT, agentId);
    labels.put(InstanceLabels.INSTANCE_ID, request.instanceId());
    labels.put(InstanceLabels.ACCOUNT, request.accountId());
    labels.put(InstanceLabels.INSTANCE_TYPE, request.instanceType());
    labels.put(InstanceLabels.IMAGE_ID, request.imageId());
    List<String> env = new ArrayList<>();
    if (request.userData() != null && !request.userData().isEmpty()) {
      env.add(InitScript.USER_DATA_ENV + "=" + request.userData());
    }
    ContainerSpec spec = new ContainerSpec(CONTAINER_PREFIX + request.instanceId(), request.image(),
        request.instanceId(), labels, env, InitScript.command(), network, request.cpuMillis(), request.memoryBytes(),
        request.pidsLimit(), ContainerSpec.DEFAULT_CAP_ADD, request.ports(), hostAddress);
    String containerId;
    try {
      containerId = runtime.create(spec);
    } catch (ContainerNotFoundException e) {
      throw new ApiException(ApiErrorCode.INVALID_AMI_ID_NOT_FOUND,
          "Image " + request.image() + " does not exist on agent " + agentId + ".");
    } catch (ContainerConflictException e) {
      // A retried launch: the first one created the container (the name is the instance id).
      containerId = container(request.instanceId()).id();
      runtime.start(containerId);
      return view(containerId, request.instanceId());
    }
    runtime.start(containerId);
    LOG.info("Launched instance {} of account {} as container {}", request.instanceId(), request.accountId(),
        containerId.substring(0, Math.min(12, containerId.length())));
    return view(containerId, request.instanceId());
  }

  /** Starts a stopped instance (a running one stays running). */
  public AgentInstance start(String instanceId) {
    String id = container(instanceId).id();
    runtime.start(id);
    return view(id, instanceId);
  }

  /** Stops an instance (a stopped one stays stopped). */
  public AgentInstance stop(String instanceId) {
    String id = container(instanceId).id();
    runtime.stop(id, stopGrace);
    return view(id, instanceId);
  }

  /** Restarts a running instance: its init script, user data included, runs again. */
  public AgentInstance reboot(String instanceId) {
    ContainerInfo c = container(instanceId);
    if (c.status() != ContainerStatus.RUNNING) {
      throw new ApiException(ApiErrorCode.INCORRECT_INSTANCE_STATE,
          "Instance " + instanceId + " is not running; only a running instance can be rebooted.");
    }
    runtime.restart(c.id(), stopGrace);
    return view(c.id(), instanceId);
  }

  /** Removes the instance's container. Terminating an instance that has no container succeeds. */
  public AgentInstance terminate(String instanceId) {
    Optional<ContainerInfo> c = find(instanceId);
    if (c.isPresent()) {
      runtime.remove(c.get().id());
      LOG.info("Terminated instance {} (container {} removed)", instanceId,
          c.get().id().substring(0, Math.min(12, c.get().id().length())));
    }
    return AgentInstance.terminated(instanceId);
  }

  /** The instance as its container is now. */
  public AgentInstance describe(String instanceId) {
    return AgentInstance.of(container(instanceId));
  }

  private AgentInstance view(String containerId, String instanceId) {
    return AgentInstance.of(runtime.inspect(containerId).orElseThrow(() -> notFound(instanceId)));
  }

  /** Every instance of this agent. */
  public List<AgentInstance> list() {
    return runtime.list(Map.of(InstanceLabels.MANAGED, "true", InstanceLabels.AGENT, agentId)).stream()
        .filter(c -> c.labels().containsKey(InstanceLabels.INSTANCE_ID))
        .map(AgentInstance::of)
        .toList();
  }

  /** The last {@code tail} lines of the instance's console (stdout and stderr). */
  public String console(String instanceId, int tail) {
    return runtime.logs(container(instanceId).id(), tail);
  }

  /** Follows the instance's console (see {@link ContainerRuntime#followLogs}). */
  public AutoCloseable followConsole(String instanceId, int tail, java.util.function.Consumer<byte[]> output,
      java.util.function.Consumer<Throwable> end) {
    return runtime.followLogs(container(instanceId).id(), tail, output, end);
  }

  /** Runs a command in a running instance. */
  public ExecResult exec(String instanceId, List<String> command, Duration timeout) {
    ContainerInfo c = container(instanceId);
    if (c.status() != ContainerStatus.RUNNING) {
      throw new ApiException(ApiErrorCode.INCORRECT_INSTANCE_STATE,
          "Instance " + instanceId + " is not running; commands run only in running instances.");
    }
    return runtime.exec(c.id(), command, timeout);
  }

  private ContainerInfo container(String instanceId) {
    return find(instanceId).orElseThrow(() -> notFound(instanceId));
  }

  /**
   * The instance's container, looked up by its name (one engine call, unlike a label query over
   * every container) and accepted only if its labels say it is this instance of this agent.
   */
  private Optional<ContainerInfo> find(String instanceId) {
    if (!INSTANCE_ID.matcher(instanceId).matches()) {
      return Optional.empty();
    }
    return runtime.inspect(CONTAINER_PREFIX + instanceId)
        .filter(c -> instanceId.equals(c.labels().get(InstanceLabels.INSTANCE_ID))
            && agentId.equals(c.labels().get(InstanceLabels.AGENT)));
  }

  private static ApiException notFound(String instanceId) {
    return new ApiException(ApiErrorCode.INVALID_INSTANCE_ID_NOT_FOUND,
        "The instance ID '" + instanceId + "' does not exist on this agent.");
  }

  private static void validate(LaunchRequest r) {
    if (r.instanceId() == null || !INSTANCE_ID.matcher(r.instanceId()).matches()) {
      throw invalid("instanceId must be i- followed by 8 to 17 hex digits");
    }
    if (r.accountId() == null || r.image() == null || r.instanceType() == null || r.imageId() == null) {
      throw new ApiException(ApiErrorCode.MISSING_PARAMETER, "accountId, imageId, image and instanceType are required");
    }
    if (r.cpuMillis() <= 0 || r.memoryBytes() <= 0 || r.pidsLimit() <= 0) {
      throw invalid("cpuMillis, memoryBytes and pidsLimit must be positive");
    }
    for (Integer port : r.ports()) {
      if (port == null || port < 1 || port > 65535) {
        throw invalid("ports must be 1..65535");
      }
    }
    if (r.userData() != null && r.userData().indexOf('\0') >= 0) {
      throw invalid("userData must be text without NUL characters");
    }
  }

  private static ApiException invalid(String message) {
    return new ApiException(ApiErrorCode.INVALID_PARAMETER_VALUE, message);
  }
}
