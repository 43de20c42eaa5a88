package dev.minicloud.sdk;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.minicloud.sdk.compute.ConsoleOutput;
import dev.minicloud.sdk.compute.ExecResult;
import dev.minicloud.sdk.compute.Image;
import dev.minicloud.sdk.compute.Instance;
import dev.minicloud.sdk.compute.InstanceFilter;
import dev.minicloud.sdk.compute.InstanceState;
import dev.minicloud.sdk.compute.InstanceTypeInfo;
import dev.minicloud.sdk.compute.RunInstancesRequest;
import dev.minicloud.sdk.compute.StateChange;
import dev.minicloud.sdk.internal.Call;
import dev.minicloud.sdk.internal.HttpExecutor;
import dev.minicloud.sdk.internal.JsonCalls;
import dev.minicloud.sdk.internal.Query;
import dev.minicloud.sdk.internal.TokenPages;
import java.io.InputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * EC2-like container instances ({@code /compute/v1}): launch, describe, stop, start, reboot,
 * terminate, wait for a state, read the console, run commands; images and instance types. Obtain
 * it from {@link MiniCloudClient#compute()}; thread-safe.
 *
 * <pre>{@code
 * Instance web = client.compute().runInstances(new RunInstancesRequest("busybox")
 *     .instanceType("nano").userData("httpd -p 80 -h /www").port(80)).get(0);
 * web = client.compute().waitUntilRunning(web.instanceId());
 * int port = web.port(80).orElseThrow().hostPort();
 * }</pre>
 */
public final class ComputeClient {

  /** How long a waiter polls by default before it gives up. */
  public static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofMinutes(2);
  /** Error code of a waiter whose deadline passed. */
  public static final String WAITER_TIMEOUT = "WaiterTimeout";
  /** Error code of a waiter whose instance reached a state it cannot leave for the wanted one. */
  public static final String WAITER_FAILURE = "WaiterFailure";

  private static final String SERVICE = "compute";
  private static final String BASE = "/compute/v1";
  private static final Duration FIRST_POLL = Duration.ofMillis(100);
  private static final Duration MAX_POLL = Duration.ofSeconds(2);

  private final JsonCalls json;
  private final HttpExecutor http;

  ComputeClient(JsonCalls json, HttpExecutor http) {
    this.json = json;
    this.http = http;
  }

  private record InstanceList(List<Instance> instances, String nextToken) {}

  private record ImageList(List<Image> images) {}

  private record ImportAnswer(Image image) {}

  private record TypeList(List<InstanceTypeInfo> instanceTypes) {}

  /**
   * Launches instances; answers once each one's container runs (or has ended {@code terminated}
   * when its agent could not launch it). Retried on connection failures only when a client token
   * makes the call idempotent.
   *
   * @return the instances launched (or, for a reused client token, launched before)
   */
  public List<Instance> runInstances(RunInstancesRequest request) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("imageId", request.imageId());
    body.put("instanceType", request.instanceType());
    body.put("minCount", request.minCount());
    body.put("maxCount", request.maxCount());
    byte[] userData = request.userData();
    if (userData != null) {
      body.put("userData", Base64.getEncoder().encodeToString(userData));
    }
    if (!request.tags().isEmpty()) {
      body.put("tags", request.tags());
    }
    if (!request.ports().isEmpty()) {
      body.put("ports", request.ports());
    }
    body.put("clientToken", request.clientToken());
    body.values().removeIf(v -> v == null);
    InstanceList list = json.call("POST", SERVICE, BASE + "/instances", "", body,
        new TypeReference<InstanceList>() {}, request.clientToken() != null);
    return list == null || list.instances() == null ? List.of() : list.instances();
  }

  /** Every instance of the caller's account (terminated ones stay for an hour), fetched lazily. */
  public Stream<Instance> describeInstances() {
    return describeInstances(new InstanceFilter());
  }

  /**
   * The instances matching {@code filter}, fetched lazily one page at a time as the stream is
   * consumed.
   */
  public Stream<Instance> describeInstances(InstanceFilter filter) {
    return TokenPages.stream(token -> {
      Query q = new Query();
      if (!filter.instanceIds().isEmpty()) {
        q.add("instanceId", String.join(",", filter.instanceIds()));
      }
      if (!filter.states().isEmpty()) {
        q.add("state", String.join(",", filter.states()));
      }
      q.add("instanceType", filter.instanceType()).add("imageId", filter.imageId());
      filter.tags().forEach((k, v) -> q.add("tag:" + k, v));
      q.add("maxResults", filter.pageSize()).add("nextToken", token);
      InstanceList page = json.call("GET", SERVICE, BASE + "/instances", q.toString(), null,
          new TypeReference<InstanceList>() {});
      return page == null ? null : new TokenPages.Page<>(page.instances(), page.nextToken());
    });
  }

  /**
   * One instance.
   *
   * @throws MiniCloudException {@code InvalidInstanceID.NotFound} when it is not the caller's or
   *     was terminated over an hour ago
   */
  public Instance describeInstance(String instanceId) {
    return json.call("GET", SERVICE, instancePath(instanceId), "", null, Instance.class);
  }

  /** Stops a running instance (a stopped one stays stopped); answers once it is stopped. */
  public StateChange stopInstance(String instanceId) {
    return change("POST", instancePath(instanceId) + "/stop");
  }

  /** Starts a stopped instance (a running one stays running); answers once it runs. */
  public StateChange startInstance(String instanceId) {
    return change("POST", instancePath(instanceId) + "/start");
  }

  /** Restarts a running instance's container; answers once it runs again. */
  public StateChange rebootInstance(String instanceId) {
    return change("POST", instancePath(instanceId) + "/reboot");
  }

  /** Terminates an instance (a terminated one stays terminated); answers once it is terminated. */
  public StateChange terminateInstance(String instanceId) {
    return change("DELETE", instancePath(instanceId));
  }

  private StateChange change(String method, String path) {
    return json.call(method, SERVICE, path, "", null, StateChange.class);
  }

  /** Polls until the instance is {@code running}, for up to {@link #DEFAULT_WAIT_TIMEOUT}. */
  public Instance waitUntilRunning(String instanceId) {
    return waitUntilRunning(instanceId, DEFAULT_WAIT_TIMEOUT);
  }

  /**
   * Polls the instance (with a growing pause, 100 ms up to 2 s) until it is {@code running}.
   *
   * @throws MiniCloudException {@value #WAITER_TIMEOUT} when {@code timeout} passes first,
   *     {@value #WAITER_FAILURE} when it is shutting down or terminated
   */
  public Instance waitUntilRunning(String instanceId, Duration timeout) {
    return waitFor(instanceId, InstanceState.RUNNING, Set.of(InstanceState.SHUTTING_DOWN, InstanceState.TERMINATED),
        timeout);
  }

  /** Polls until the instance is {@code stopped}, for up to {@link #DEFAULT_WAIT_TIMEOUT}. */
  public Instance waitUntilStopped(String instanceId) {
    return waitUntilStopped(instanceId, DEFAULT_WAIT_TIMEOUT);
  }

  /**
   * Polls until the instance is {@code stopped}.
   *
   * @throws MiniCloudException {@value #WAITER_TIMEOUT} when {@code timeout} passes first,
   *     {@value #WAITER_FAILURE} when it is shutting down or terminated
   */
  public Instance waitUntilStopped(String instanceId, Duration timeout) {
    return waitFor(instanceId, InstanceState.STOPPED, Set.of(InstanceState.SHUTTING_DOWN, InstanceState.TERMINATED),
        timeout);
  }

  /** Polls until the instance is {@code terminated}, for up to {@link #DEFAULT_WAIT_TIMEOUT}. */
  public Instance waitUntilTerminated(String instanceId) {
    return waitUntilTerminated(instanceId, DEFAULT_WAIT_TIMEOUT);
  }

  /**
   * Polls until the instance is {@code terminated}.
   *
   * @throws MiniCloudException {@value #WAITER_TIMEOUT} when {@code timeout} passes first
   */
  public Instance waitUntilTerminated(String instanceId, Duration timeout) {
    return waitFor(instanceId, InstanceState.TERMINATED, Set.of(), timeout);
  }

  private Instance waitFor(String instanceId, int wanted, Set<Integer> hopeless, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Duration pause = FIRST_POLL;
    while (true) {
      Instance i = describeInstance(instanceId);
      int code = i.state() == null ? -1 : i.state().code();
      if (code == wanted) {
        return i;
      }
      if (hopeless.contains(code)) {
        throw new MiniCloudException(WAITER_FAILURE, 0, null, instanceId + " is " + i.stateName()
            + (i.stateReason() == null ? "" : " (" + i.stateReason() + ")") + ": it cannot become "
            + stateName(wanted));
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new MiniCloudException(WAITER_TIMEOUT, 0, null, instanceId + " is still " + i.stateName()
            + " after " + timeout.toSeconds() + " s (waiting for " + stateName(wanted) + ")");
      }
      http.pause(Duration.ofNanos(Math.max(1_000_000, Math.min(left, pause.toNanos()))));
      pause = pause.multipliedBy(3).dividedBy(2);
      if (pause.compareTo(MAX_POLL) > 0) {
        pause = MAX_POLL;
      }
    }
  }

  private static String stateName(int code) {
    return switch (code) {
      case InstanceState.PENDING -> "pending";
      case InstanceState.RUNNING -> "running";
      case InstanceState.SHUTTING_DOWN -> "shutting-down";
      case InstanceState.TERMINATED -> "terminated";
      case InstanceState.STOPPING -> "stopping";
      case InstanceState.STOPPED -> "stopped";
      default -> "state " + code;
    };
  }

  /** The last 100 lines of the instance's console (stdout and stderr; user data's output). */
  public ConsoleOutput consoleOutput(String instanceId) {
    return consoleOutput(instanceId, 100);
  }

  /** The last {@code tail} lines (1 to 10000) of the instance's console. */
  public ConsoleOutput consoleOutput(String instanceId, int tail) {
    return json.call("GET", SERVICE, instancePath(instanceId) + "/console", new Query().add("tail", tail).toString(),
        null, ConsoleOutput.class);
  }

  /**
   * Follows a running instance's console: the last {@code tail} lines, then everything written
   * after, until the instance stops or the stream is closed. Close the stream to hang up.
   *
   * @throws MiniCloudException {@code IncorrectInstanceState} when the instance is not running
   */
  public InputStream followConsoleOutput(String instanceId, int tail) {
    Call call = Call.of("GET", SERVICE, instancePath(instanceId) + "/console",
        new Query().add("tail", tail).add("follow", "true").toString());
    return http.send(call).body();
  }

  /** Runs {@code command} (no shell unless you ask for one) in a running instance, for up to 30 s. */
  public ExecResult exec(String instanceId, String... command) {
    return exec(instanceId, List.of(command), Duration.ofSeconds(30));
  }

  /**
   * Runs {@code command} in a running instance and waits for it, up to {@code timeout} (1 to 300 s);
   * on timeout the result says {@code timedOut} and the command keeps running.
   */
  public ExecResult exec(String instanceId, List<String> command, Duration timeout) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("command", command);
    body.put("timeoutSeconds", Math.max(1, timeout.toSeconds()));
    return json.call("POST", SERVICE, instancePath(instanceId) + "/exec", "", body, ExecResult.class);
  }

  /** The images the caller may launch: the platform's public ones, then its own. */
  public List<Image> describeImages() {
    ImageList list = json.call("GET", SERVICE, BASE + "/images", "", null, ImageList.class);
    return list == null || list.images() == null ? List.of() : list.images();
  }

  /**
   * Creates a private image from a root filesystem tarball (e.g. {@code docker export} output)
   * stored as an object in one of the caller's buckets; answers once every agent has imported it.
   *
   * @param description free text, or null
   */
  public Image importImage(String name, String description, String bucket, String key) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    if (description != null) {
      body.put("description", description);
    }
    body.put("bucket", bucket);
    body.put("key", key);
    ImportAnswer answer = json.call("POST", SERVICE, BASE + "/images/import", "", body, ImportAnswer.class);
    return answer == null ? null : answer.image();
  }

  /**
   * Deregisters one of the caller's imported images: it can no longer be launched; instances
   * already running from it keep running.
   */
  public void deregisterImage(String imageId) {
    json.call("DELETE", SERVICE, BASE + "/images/" + Query.segment(imageId), "", null, Void.class);
  }

  /** The instance types and their limits. */
  public List<InstanceTypeInfo> describeInstanceTypes() {
    TypeList list = json.call("GET", SERVICE, BASE + "/instance-types", "", null, TypeList.class);
    return list == null || list.instanceTypes() == null ? List.of() : list.instanceTypes();
  }

  private static String instancePath(String instanceId) {
    return BASE + "/instances/" + Query.segment(instanceId);
  }
}
