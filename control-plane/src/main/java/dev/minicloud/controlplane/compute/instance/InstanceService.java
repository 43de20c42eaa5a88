package dev.minicloud.controlplane.compute.instance;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.id.Ids;
import dev.minicloud.common.json.Json;
import dev.minicloud.controlplane.compute.agent.AgentClient;
import dev.minicloud.controlplane.compute.agent.ComputeAgents;
import dev.minicloud.controlplane.compute.agent.AgentInstanceView;
import dev.minicloud.controlplane.compute.agent.AgentLaunch;
import dev.minicloud.controlplane.compute.image.ImageCatalog;
import dev.minicloud.controlplane.compute.image.ImageRecord;
import dev.minicloud.controlplane.compute.placement.Placement;
import dev.minicloud.controlplane.compute.type.InstanceType;
import dev.minicloud.controlplane.compute.type.InstanceTypeCatalog;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The instance lifecycle as the control plane runs it: validation, idempotency, placement, the
 * records, and the calls to the agents. Every record is owned by one account and only that account
 * sees it. Transitions follow EC2: stop on a stopped instance and start on a running one are no-ops,
 * terminate on a terminated one too; anything else out of order is {@code IncorrectInstanceState}.
 */
public final class InstanceService {

  /** Terminated instances stay describable this long. */
  public static final Duration TERMINATED_VISIBLE_FOR = Duration.ofHours(1);
  /** Most decoded user data. */
  public static final int MAX_USER_DATA_BYTES = 16 * 1024;
  /** Most instances one run call launches. */
  public static final int MAX_COUNT = 50;
  /** Most ingress ports per instance. */
  public static final int MAX_PORTS = 16;
  /** Most tags per instance. */
  public static final int MAX_TAGS = 50;
  /** Type used when a run call names none. */
  public static final String DEFAULT_INSTANCE_TYPE = "small";

  private static final Logger LOG = LoggerFactory.getLogger(InstanceService.class);
  private static final Pattern INSTANCE_ID = Pattern.compile("i-[0-9a-f]{17}");
  private static final Pattern CLIENT_TOKEN = Pattern.compile("[\\x21-\\x7e]{1,64}");

  private final InstanceStore store;
  private final ImageCatalog images;
  private final InstanceTypeCatalog types;
  private final Placement placement;
  private final ComputeAgents agents;
  private final Ids ids;
  private final Clock clock;

  public InstanceService(InstanceStore store, ImageCatalog images, InstanceTypeCatalog types, Placement placement,
      ComputeAgents agents, Ids ids, Clock clock) {
    this.store = store;
    this.images = images;
    this.types = types;
    this.placement = placement;
    this.agents = agents;
    this.ids = ids;
    this.clock = clock;
  }

  // ---------------------------------------------------------------- run

  /** Launches instances; completes with their records once each is running (or failed to launch). */
  public Future<List<InstanceRecord>> run(String accountId, RunRequest request) {
    if (request.imageId() == null || request.imageId().isBlank()) {
      throw new ApiException(ApiErrorCode.MISSING_PARAMETER, "The request must contain the parameter imageId.");
    }
    int min = request.minCount() == null ? 1 : request.minCount();
    int max = request.maxCount() == null ? Math.max(min, 1) : request.maxCount();
    if (min < 1 || max < min || max > MAX_COUNT) {
      throw invalid("minCount and maxCount must satisfy 1 <= minCount <= maxCount <= " + MAX_COUNT + ".");
    }
    String userData = decodeUserData(request.userData());
    Map<String, String> tags = validateTags(request.tags());
    List<Integer> ports = validatePorts(request.ports());
    String token = request.clientToken();
    if (token != null && !CLIENT_TOKEN.matcher(token).matches()) {
      throw invalid("clientToken must be 1 to 64 printable ASCII characters.");
    }
    String typeName = request.instanceType() == null ? DEFAULT_INSTANCE_TYPE : request.instanceType();
    String digest = digest(new RunRequest(request.imageId(), typeName, min, max, request.userData(),
        new TreeMap<>(tags), ports, null));
    if (token != null) {
      Optional<ClientTokenRecord> used = store.token(accountId, token);
      if (used.isPresent()) {
        if (!used.get().requestDigest().equals(digest)) {
          throw new ApiException(ApiErrorCode.IDEMPOTENT_PARAMETER_MISMATCH,
              "The client token '" + token + "' was already used with different parameters.");
        }
        List<InstanceRecord> earlier = new ArrayList<>();
        for (String id : used.get().instanceIds()) {
          store.get(accountId, id).ifPresent(earlier::add);
        }
        return Future.succeededFuture(earlier);
      }
    }
    ImageRecord image = images.resolve(accountId, request.imageId());
    InstanceType type = types.get(typeName);
    List<String> placed = placement.place(type, min, max, allocated());

    Instant now = clock.instant();
    List<InstanceRecord> pending = new ArrayList<>();
    for (String agentId : placed) {
      pending.add(new InstanceRecord(ids.prefixed("i-", 17), accountId, image.imageId(), type.instanceType(), agentId,
          InstanceState.PENDING, "pending", now, null, tags, ports, List.of(), token, List.of(), 0, now, null));
    }
    store.create(pending, token == null ? null
        : new ClientTokenRecord(token, digest, pending.stream().map(InstanceRecord::instanceId).toList(), now),
        accountId);
    List<Future<InstanceRecord>> launches = new ArrayList<>();
    for (InstanceRecord r : pending) {
      AgentLaunch launch = new AgentLaunch(r.instanceId(), accountId, image.imageId(), image.dockerImage(),
          type.instanceType(), type.cpuMillis(), type.memoryBytes(), type.pidsLimit(), userData, ports);
      launches.add(agents.launch(r.agentId(), launch)
          .map(view -> apply(r, view, null))
          .recover(e -> {
            LOG.warn("Launching {} on {} failed: {}", r.instanceId(), r.agentId(), e.getMessage());
            return Future.succeededFuture(set(r, InstanceState.TERMINATED,
                "Server.InternalError: the instance could not be launched: " + e.getMessage(), List.of()));
          }));
    }
    return Future.join(launches).map(done -> launches.stream().map(Future::result).toList());
  }

  /** CPU and memory held on each agent by instances not stopped or terminated. */
  private Map<String, Placement.Allocation> allocated() {
    Map<String, Placement.Allocation> load = new HashMap<>();
    for (InstanceRecord r : store.all()) {
      if (r.state() == InstanceState.STOPPED || r.state() == InstanceState.TERMINATED) {
        continue;
      }
      InstanceType t = types.get(r.instanceType());
      load.merge(r.agentId(), new Placement.Allocation(t.cpuMillis(), t.memoryBytes()),
          (a, b) -> new Placement.Allocation(a.cpuMillis() + b.cpuMillis(), a.memoryBytes() + b.memoryBytes()));
    }
    return load;
  }

  // ---------------------------------------------------------------- transitions

  public Future<InstanceView.StateChange> stop(String accountId, String instanceId) {
    return transition(accountId, instanceId, "stopped", EnumSet.of(InstanceState.STOPPED),
        EnumSet.of(InstanceState.RUNNING), InstanceState.STOPPING, r -> agents.stop(r.agentId(), r.instanceId()),
        "Client.UserInitiatedShutdown: User initiated shutdown");
  }

  public Future<InstanceView.StateChange> start(String accountId, String instanceId) {
    return transition(accountId, instanceId, "started", EnumSet.of(InstanceState.RUNNING),
        EnumSet.of(InstanceState.STOPPED), InstanceState.PENDING, r -> agents.start(r.agentId(), r.instanceId()), null);
  }

  public Future<InstanceView.StateChange> terminate(String accountId, String instanceId) {
    return transition(accountId, instanceId, "terminated", EnumSet.of(InstanceState.TERMINATED),
        EnumSet.of(InstanceState.RUNNING, InstanceState.STOPPED, InstanceState.PENDING, InstanceState.STOPPING),
        InstanceState.SHUTTING_DOWN, r -> agents.terminate(r.agentId(), r.instanceId()),
        "Client.UserInitiatedShutdown: User initiated shutdown");
  }

  /**
   * Stops every running instance of an account through the normal stop path (record to
   * {@code stopping}, the agent stops the container, record to {@code stopped}), with {@code reason}
   * as the state reason. Instances with an operation in flight, pending or stopping are skipped: a
   * caller that must leave nothing running (account suspension) calls this again later, and they are
   * stopped once settled. Returns the ids whose stop began; the stops complete in the background.
   */
  public List<String> stopAll(String accountId, String reason) {
    List<String> stopping = new ArrayList<>();
    for (InstanceRecord r : store.list(accountId, null, Integer.MAX_VALUE,
        x -> x.state() == InstanceState.RUNNING && x.operation() == null)) {
      Future<InstanceView.StateChange> stop;
      try {
        stop = transition(accountId, r.instanceId(), "stopped", EnumSet.of(InstanceState.STOPPED),
            EnumSet.of(InstanceState.RUNNING), InstanceState.STOPPING, x -> agents.stop(x.agentId(), x.instanceId()),
            reason);
      } catch (ApiException e) {
        // It changed state since the list (an owner's call, the reconciler): the next pass looks again.
        LOG.debug("Not stopping {} now: {}", r.instanceId(), e.getMessage());
        continue;
      }
      stopping.add(r.instanceId());
      stop.onFailure(e -> LOG.warn("Stopping {} of account {} failed (retried on the next pass): {}", r.instanceId(),
          accountId, e.getMessage()));
    }
    return stopping;
  }

  /** Restarts a running instance; it stays running (no new running interval). */
  public Future<InstanceView.StateChange> reboot(String accountId, String instanceId) {
    InstanceRecord r = describe(accountId, instanceId);
    if (r.state() != InstanceState.RUNNING || r.operation() != null) {
      throw incorrectState(r, "rebooted");
    }
    // The container stops and starts again: mark the record so the reconciler does not take the
    // moment in between for an instance that died.
    InstanceRecord rebooting = store.update(accountId, instanceId, r.version(),
            x -> x.withOperation("reboot", clock.instant()))
        .orElseThrow(() -> new ApiException(ApiErrorCode.INCORRECT_INSTANCE_STATE,
            "The instance '" + instanceId + "' changed state meanwhile; describe it and retry."));
    return agents.reboot(r.agentId(), instanceId)
        .map(view -> apply(rebooting, view, r.stateReason()))
        .recover(e -> {
          store.update(accountId, instanceId, -1, x -> x.withOperation(null, clock.instant()));
          return Future.failedFuture(gone(rebooting, e));
        })
        .map(after -> new InstanceView.StateChange(instanceId, r.state().view(), after.state().view()));
  }

  private Future<InstanceView.StateChange> transition(String accountId, String instanceId, String verb,
      Set<InstanceState> noop, Set<InstanceState> from, InstanceState during,
      Function<InstanceRecord, Future<AgentInstanceView>> call, String reason) {
    InstanceRecord r = describe(accountId, instanceId);
    if (noop.contains(r.state())) {
      return Future.succeededFuture(new InstanceView.StateChange(instanceId, r.state().view(), r.state().view()));
    }
    if (!from.contains(r.state()) || (r.operation() != null && during != InstanceState.SHUTTING_DOWN)) {
      throw incorrectState(r, verb); // only terminate may interrupt a reboot in flight
    }
    InstanceRecord moving = store.update(accountId, instanceId, r.version(),
            x -> x.withState(during, reason == null ? during.wireName() : reason, x.ports(), clock.instant()))
        .orElseThrow(() -> new ApiException(ApiErrorCode.INCORRECT_INSTANCE_STATE,
            "The instance '" + instanceId + "' changed state meanwhile; describe it and retry."));
    return call.apply(moving)
        .map(view -> apply(moving, view, reason))
        .recover(e -> {
          if (during == InstanceState.SHUTTING_DOWN && isGone(e)) {
            return Future.succeededFuture(set(moving, InstanceState.TERMINATED, reason, List.of()));
          }
          return Future.failedFuture(gone(moving, e, r.state()));
        })
        .map(after -> new InstanceView.StateChange(instanceId, r.state().view(), after.state().view()));
  }

  private ApiException gone(InstanceRecord r, Throwable e) {
    return gone(r, e, r.state());
  }

  /**
   * After a failed agent call: an instance whose container vanished is terminated; otherwise the
   * record goes back to {@code previous} and the failure is passed on.
   */
  private ApiException gone(InstanceRecord r, Throwable e, InstanceState previous) {
    if (isGone(e)) {
      set(r, InstanceState.TERMINATED, "Server.InstanceGone: its container no longer exists", List.of());
      return new ApiException(ApiErrorCode.INCORRECT_INSTANCE_STATE,
          "The instance '" + r.instanceId() + "' no longer exists on its agent; it is now terminated.");
    }
    if (r.state() != previous) {
      store.update(r.accountId(), r.instanceId(), -1, x -> x.withState(previous, x.stateReason(), x.ports(), clock.instant()));
    }
    return e instanceof ApiException api ? api
        : new ApiException(ApiErrorCode.INTERNAL_ERROR, "The compute agent failed: " + e.getMessage(), e);
  }

  private static boolean isGone(Throwable e) {
    return e instanceof ApiException api && api.errorCode() == ApiErrorCode.INVALID_INSTANCE_ID_NOT_FOUND;
  }

  /** Records what the agent reports: its state (running/stopped/terminated) and published ports. */
  InstanceRecord apply(InstanceRecord r, AgentInstanceView view, String reason) {
    InstanceState state = switch (view.state()) {
      case "running" -> InstanceState.RUNNING;
      case "terminated" -> InstanceState.TERMINATED;
      case "stopped" -> InstanceState.STOPPED;
      case "shutting-down" -> InstanceState.SHUTTING_DOWN;
      default -> InstanceState.PENDING;
    };
    String why = reason != null ? reason : state.wireName();
    return set(r, state, why, ports(view));
  }

  static List<InstanceRecord.PortView> ports(AgentInstanceView view) {
    return view.ports().stream().map(p -> new InstanceRecord.PortView(p.containerPort(), p.hostAddress(), p.hostPort()))
        .toList();
  }

  private InstanceRecord set(InstanceRecord r, InstanceState state, String reason, List<InstanceRecord.PortView> ports) {
    return store.update(r.accountId(), r.instanceId(), -1, x -> x.withState(state, reason, ports, clock.instant()))
        .orElse(r);
  }

  // ---------------------------------------------------------------- reads

  /** The caller's instance; {@code InvalidInstanceID.NotFound} for unknown, foreign or long-terminated ids. */
  public InstanceRecord describe(String accountId, String instanceId) {
    if (instanceId == null || !INSTANCE_ID.matcher(instanceId).matches()) {
      throw new ApiException(ApiErrorCode.INVALID_INSTANCE_ID_NOT_FOUND,
          "The instance ID '" + instanceId + "' is malformed or does not exist.");
    }
    return store.get(accountId, instanceId).filter(this::visible)
        .orElseThrow(() -> new ApiException(ApiErrorCode.INVALID_INSTANCE_ID_NOT_FOUND,
            "The instance ID '" + instanceId + "' does not exist."));
  }

  /** Filters of a describe call; null or empty members match everything. */
  public record Filters(Set<InstanceState> states, String instanceType, String imageId, Map<String, String> tags,
      Set<String> instanceIds) {

    /** Filters without an instance-id list. */
    public Filters(Set<InstanceState> states, String instanceType, String imageId, Map<String, String> tags) {
      this(states, instanceType, imageId, tags, null);
    }

    Predicate<InstanceRecord> predicate() {
      return r -> (instanceIds == null || instanceIds.isEmpty() || instanceIds.contains(r.instanceId()))
          && (states == null || states.isEmpty() || states.contains(r.state()))
          && (instanceType == null || instanceType.equals(r.instanceType()))
          && (imageId == null || imageId.equals(r.imageId()))
          && (tags == null || tags.entrySet().stream().allMatch(t -> t.getValue().equals(r.tags().get(t.getKey()))));
    }
  }

  /** A page of a describe call. */
  public record Page(List<InstanceRecord> instances, String nextToken) {}

  public Page list(String accountId, Filters filters, int maxResults, String nextToken) {
    String after = null;
    if (nextToken != null) {
      try {
        after = new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw invalid("nextToken is not a token this API returned.");
      }
      if (!INSTANCE_ID.matcher(after).matches()) {
        throw invalid("nextToken is not a token this API returned.");
      }
    }
    Predicate<InstanceRecord> match = filters.predicate().and(this::visible);
    List<InstanceRecord> found = store.list(accountId, after, maxResults + 1, match);
    if (found.size() <= maxResults) {
      return new Page(found, null);
    }
    List<InstanceRecord> page = found.subList(0, maxResults);
    String last = page.get(page.size() - 1).instanceId();
    return new Page(List.copyOf(page), Base64.getUrlEncoder().withoutPadding()
        .encodeToString(last.getBytes(StandardCharsets.UTF_8)));
  }

  boolean visible(InstanceRecord r) {
    return r.state() != InstanceState.TERMINATED || r.terminatedAt() == null
        || r.terminatedAt().plus(TERMINATED_VISIBLE_FOR).isAfter(clock.instant());
  }

  /** The last {@code tail} lines of the instance's console; empty once it is terminated. */
  public Future<String> console(String accountId, String instanceId, int tail) {
    InstanceRecord r = describe(accountId, instanceId);
    if (r.state() == InstanceState.TERMINATED) {
      return Future.succeededFuture("");
    }
    return agents.console(r.agentId(), instanceId, tail)
        .recover(e -> isGone(e) ? Future.succeededFuture("") : Future.failedFuture(e));
  }

  /**
   * Follows a running instance's console: the agent's stream, to pipe to the caller. Only a running
   * instance has a console to follow.
   */
  public Future<io.vertx.core.http.HttpClientResponse> followConsole(AgentClient client, String accountId,
      String instanceId, int tail) {
    InstanceRecord r = describe(accountId, instanceId);
    if (r.state() != InstanceState.RUNNING) {
      throw incorrectState(r, "followed");
    }
    return client.followConsole(r.agentId(), instanceId, tail);
  }

  /** Runs a command in a running instance. */
  public Future<AgentInstanceView.ExecOutput> exec(String accountId, String instanceId, List<String> command,
      Integer timeoutSeconds) {
    if (command == null || command.isEmpty() || command.size() > 256 || command.stream().anyMatch(a -> a == null)) {
      throw new ApiException(ApiErrorCode.MISSING_PARAMETER, "command must be a non-empty list of strings.");
    }
    int timeout = timeoutSeconds == null ? 30 : timeoutSeconds;
    if (timeout < 1 || timeout > 300) {
      throw invalid("timeoutSeconds must be 1..300.");
    }
    InstanceRecord r = describe(accountId, instanceId);
    if (r.state() != InstanceState.RUNNING) {
      throw incorrectState(r, "sent commands");
    }
    return agents.exec(r.agentId(), instanceId, command, timeout);
  }

  // ---------------------------------------------------------------- validation

  private static String decodeUserData(String base64) {
    if (base64 == null || base64.isEmpty()) {
      return null;
    }
    if (base64.length() > (MAX_USER_DATA_BYTES / 3 + 1) * 4 + 64) {
      throw invalid("userData must be at most " + MAX_USER_DATA_BYTES + " bytes once decoded.");
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw invalid("userData must be base64: " + e.getMessage());
    }
    if (bytes.length > MAX_USER_DATA_BYTES) {
      throw invalid("userData must be at most " + MAX_USER_DATA_BYTES + " bytes once decoded.");
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.indexOf('\0') >= 0) {
      throw invalid("userData must be a text script (no NUL bytes).");
    }
    return text;
  }

  private static Map<String, String> validateTags(Map<String, String> tags) {
    if (tags == null) {
      return Map.of();
    }
    if (tags.size() > MAX_TAGS) {
      throw invalid("At most " + MAX_TAGS + " tags per instance.");
    }
    for (Map.Entry<String, String> t : tags.entrySet()) {
      if (t.getKey().isEmpty() || t.getKey().length() > 128 || t.getValue() == null || t.getValue().length() > 256) {
        throw invalid("Tag keys must be 1..128 characters and values at most 256.");
      }
    }
    return tags;
  }

  private static List<Integer> validatePorts(List<Integer> ports) {
    if (ports == null) {
      return List.of();
    }
    Set<Integer> unique = new LinkedHashSet<>();
    for (Integer p : ports) {
      if (p == null || p < 1 || p > 65535) {
        throw invalid("ports must be TCP ports 1..65535.");
      }
      unique.add(p);
    }
    if (unique.size() > MAX_PORTS) {
      throw invalid("At most " + MAX_PORTS + " ports per instance.");
    }
    return List.copyOf(unique);
  }

  private static String digest(RunRequest canonical) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Json.toBytes(canonical)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static ApiException incorrectState(InstanceRecord r, String verb) {
    return new ApiException(ApiErrorCode.INCORRECT_INSTANCE_STATE, "The instance '" + r.instanceId()
        + "' is not in a state from which it can be " + verb + " (it is " + r.state().wireName()
        + (r.operation() == null ? "" : ", " + r.operation() + " in progress") + ").");
  }

  private static ApiException invalid(String message) {
    return new ApiException(ApiErrorCode.INVALID_PARAMETER_VALUE, message);
  }
}
