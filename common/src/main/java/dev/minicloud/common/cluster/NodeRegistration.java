package dev.minicloud.common.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minicloud.common.cluster.HeartbeatResult.Outcome;
import dev.minicloud.common.error.ApiError;
import dev.minicloud.common.json.Json;
import java.io.IOException;
import java.net.URI;
import dev.minicloud.common.tls.PemTrust;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one node registered with the control plane. Registration and heartbeat are the same
 * idempotent call, repeated every heartbeat interval:
 *
 * <pre>
 * PUT {controlPlaneUrl}/internal/v1/nodes/{nodeId}
 * x-minicloud-cluster-token: ...
 * {"kind":"storage","endpoint":"http://127.0.0.1:PORT","socket":"/data/storage/node.sock","version":"0.1.0",
 *  "startedAt":"...","capacity":{...}}    ("socket" only when the node serves a Unix socket)
 * </pre>
 *
 * <p>{@link #start()} makes the first call on the caller's thread (bounded by the request timeout)
 * and returns its result, then a daemon thread repeats the call until {@link #close()}. Failures
 * never stop the heartbeats. Logging is by state change, not by attempt: one WARN when the control
 * plane becomes unreachable (or answers with an error), one INFO when it is back, one ERROR when it
 * rejects the cluster token. When the control plane's answer carries {@code heartbeatIntervalMillis},
 * that interval replaces the configured one. The cluster token is never logged.
 *
 * <p>Build one with {@link #builder()}.
 */
public final class NodeRegistration implements AutoCloseable {

  /** Path prefix of the registration call on the control plane; the node id follows. */
  public static final String NODES_PATH = "/internal/v1/nodes/";

  /** The software version nodes report. */
  public static final String NODE_VERSION = "0.1.0";

  /** Heartbeat interval until the control plane names one. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);

  /** Timeout of each call, including the synchronous first one in {@link #start()}. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(2);

  /** Bounds applied to an interval named by the control plane. */
  public static final Duration MIN_HEARTBEAT_INTERVAL = Duration.ofMillis(10);
  public static final Duration MAX_HEARTBEAT_INTERVAL = Duration.ofMinutes(5);

  private static final Logger LOG = LoggerFactory.getLogger(NodeRegistration.class);
  private static final Pattern SAFE_NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");

  /** How the log sees an outcome: the log line is written when the state changes. */
  private enum LogState { UP, REJECTED, OUTAGE }

  private final URI controlPlaneUrl;
  private final URI registrationUri;
  private final ClusterToken token;
  private final String nodeId;
  private final NodeKind kind;
  private final String endpoint;
  private final String socket;
  private final String version;
  private final Supplier<? extends Map<String, ?>> capacity;
  private final Duration requestTimeout;
  private final Clock clock;
  private final HttpClient httpClient;
  private final Consumer<HeartbeatResult> listener;
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean started = new AtomicBoolean();

  private volatile Duration heartbeatInterval;
  private volatile HeartbeatResult lastResult;
  private volatile boolean closed;

  // Touched only by the thread making the call (the caller of start(), then the heartbeat thread).
  private Instant startedAt;
  private Instant outageSince;
  private boolean capacityFailing;

  private NodeRegistration(Builder b) {
    this.controlPlaneUrl = Objects.requireNonNull(b.controlPlaneUrl, "controlPlaneUrl");
    this.token = Objects.requireNonNull(b.token, "token");
    this.nodeId = Objects.requireNonNull(b.nodeId, "nodeId");
    this.kind = Objects.requireNonNull(b.kind, "kind");
    this.endpoint = Objects.requireNonNull(b.endpoint, "endpoint");
    this.socket = b.socket;
    this.version = Objects.requireNonNull(b.version, "version");
    this.capacity = Objects.requireNonNull(b.capacity, "capacity");
    this.heartbeatInterval = requirePositive(b.heartbeatInterval, "heartbeatInterval");
    this.requestTimeout = requirePositive(b.requestTimeout, "requestTimeout");
    this.clock = Objects.requireNonNull(b.clock, "clock");
    this.listener = b.listener;
    if (!SAFE_NODE_ID.matcher(nodeId).matches()) {
      throw new IllegalArgumentException("node id must match " + SAFE_NODE_ID + ": " + nodeId);
    }
    String scheme = controlPlaneUrl.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw new IllegalArgumentException("control plane URL must be http(s): " + controlPlaneUrl);
    }
    String base = controlPlaneUrl.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    this.registrationUri = URI.create(base + NODES_PATH + nodeId);
    if (b.httpClient != null) {
      this.httpClient = b.httpClient;
    } else {
      HttpClient.Builder client = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(requestTimeout);
      if (b.trustedCertificate != null) {
        client.sslContext(PemTrust.sslContextTrusting(b.trustedCertificate));
      }
      this.httpClient = client.build();
    }
    this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "minicloud-heartbeat-" + nodeId);
      thread.setDaemon(true);
      return thread;
    });
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Makes the first registration call on this thread, then starts heartbeating in the background.
   * Returns the first call's result; whatever it is, the heartbeats go on until {@link #close()}.
   *
   * @throws IllegalStateException when called twice or after {@link #close()}
   */
  public HeartbeatResult start() {
    if (closed || !started.compareAndSet(false, true)) {
      throw new IllegalStateException("registration of " + nodeId + " already started or closed");
    }
    startedAt = clock.instant();
    HeartbeatResult first = beatOnce();
    scheduleNext();
    return first;
  }

  /** Stops the heartbeats; an in-flight call is interrupted. Idempotent. */
  @Override
  public void close() {
    closed = true;
    scheduler.shutdownNow();
    try {
      if (!scheduler.awaitTermination(requestTimeout.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
        LOG.warn("Heartbeat thread of node {} did not stop in time", nodeId);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The result of the latest call, or null before the first one. */
  public HeartbeatResult lastResult() {
    return lastResult;
  }

  /** The interval in use now: the configured one until the control plane names another. */
  public Duration heartbeatInterval() {
    return heartbeatInterval;
  }

  public String nodeId() {
    return nodeId;
  }

  /** The URI every call goes to. */
  public URI registrationUri() {
    return registrationUri;
  }

  private void heartbeat() {
    if (closed) {
      return;
    }
    try {
      beatOnce();
    } catch (RuntimeException e) {
      // A bug in one beat must not end the heartbeats: this thread is their only driver.
      LOG.error("Unexpected failure in the heartbeat of node {}", nodeId, e);
    } finally {
      if (!Thread.currentThread().isInterrupted()) {
        scheduleNext();
      }
    }
  }

  private void scheduleNext() {
    if (closed) {
      return;
    }
    try {
      scheduler.schedule(this::heartbeat, heartbeatInterval.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      if (!closed) {
        throw e;
      }
    }
  }

  private HeartbeatResult beatOnce() {
    HeartbeatResult result;
    try {
      result = call();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = new HeartbeatResult(Outcome.UNREACHABLE, 0, null, "interrupted", clock.instant());
    }
    record(result);
    return result;
  }

  private HeartbeatResult call() throws InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(registrationUri)
        .timeout(requestTimeout)
        .header(ClusterToken.HEADER, token.value())
        .header("content-type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(Json.toBytes(body())))
        .build();
    HttpResponse<byte[]> response;
    try {
      response = httpClient.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      String why = e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getClass().getSimpleName() + ": " + e.getMessage();
      return new HeartbeatResult(Outcome.UNREACHABLE, 0, null, why, clock.instant());
    }
    return interpret(response.statusCode(), response.body());
  }

  private Map<String, Object> body() {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", kind.wireName());
    body.put("endpoint", endpoint);
    if (socket != null) {
      body.put("socket", socket);
    }
    body.put("version", version);
    body.put("startedAt", startedAt.toString());
    body.put("capacity", capacitySnapshot());
    return body;
  }

  private Map<String, ?> capacitySnapshot() {
    try {
      Map<String, ?> snapshot = capacity.get();
      if (capacityFailing) {
        LOG.info("Capacity of node {} is measurable again", nodeId);
        capacityFailing = false;
      }
      return snapshot == null ? Map.of() : snapshot;
    } catch (RuntimeException e) {
      // The heartbeat still goes out (liveness matters more than capacity), with no capacity.
      if (!capacityFailing) {
        LOG.warn("Cannot measure the capacity of node {}; heartbeating without it", nodeId, e);
        capacityFailing = true;
      }
      return Map.of();
    }
  }

  private HeartbeatResult interpret(int status, byte[] body) {
    Instant now = clock.instant();
    if (status >= 200 && status < 300) {
      adoptInterval(body);
      return new HeartbeatResult(Outcome.ACCEPTED, status, null, "registered", now);
    }
    ApiError.Body error = errorBody(body);
    String code = error == null ? null : error.code();
    String message = error == null ? "HTTP " + status
        : error.message() + (error.requestId() == null ? "" : " (request id " + error.requestId() + ")");
    Outcome outcome = status == 401 || status == 403 ? Outcome.REJECTED : Outcome.FAILED;
    return new HeartbeatResult(outcome, status, code, message, now);
  }

  private void adoptInterval(byte[] body) {
    JsonNode millis;
    try {
      millis = Json.mapper().readTree(body).path("heartbeatIntervalMillis");
    } catch (IOException e) {
      LOG.debug("Control plane's registration answer for {} is not JSON; keeping interval {}",
          nodeId, heartbeatInterval, e);
      return;
    }
    if (!millis.canConvertToLong() || millis.asLong() <= 0) {
      return;
    }
    Duration named = Duration.ofMillis(millis.asLong());
    if (named.compareTo(MIN_HEARTBEAT_INTERVAL) < 0) {
      named = MIN_HEARTBEAT_INTERVAL;
    } else if (named.compareTo(MAX_HEARTBEAT_INTERVAL) > 0) {
      named = MAX_HEARTBEAT_INTERVAL;
    }
    if (!named.equals(heartbeatInterval)) {
      LOG.debug("Control plane sets the heartbeat interval of {} to {}", nodeId, named);
      heartbeatInterval = named;
    }
  }

  private static ApiError.Body errorBody(byte[] body) {
    if (body == null || body.length == 0) {
      return null;
    }
    try {
      ApiError error = Json.fromBytes(body, ApiError.class);
      return error == null ? null : error.error();
    } catch (IllegalArgumentException e) {
      return null; // not our JSON error shape (e.g. a proxy's HTML page): the status says enough
    }
  }

  private void record(HeartbeatResult result) {
    HeartbeatResult previous = lastResult;
    lastResult = result;
    LogState before = previous == null ? null : logState(previous.outcome());
    LogState now = logState(result.outcome());
    if (now == before) {
      LOG.debug("Heartbeat of {} node {} to {}: {} {}", kind.wireName(), nodeId, controlPlaneUrl,
          result.outcome(), result.message());
    } else {
      switch (now) {
        case UP -> {
          if (before == LogState.OUTAGE) {
            LOG.info("Control plane {} is reachable again after {}; {} node {} is registered",
                controlPlaneUrl, Duration.between(outageSince, result.at()), kind.wireName(), nodeId);
          } else if (before == LogState.REJECTED) {
            LOG.info("Control plane {} now accepts {} node {}", controlPlaneUrl, kind.wireName(), nodeId);
          } else {
            LOG.info("Registered {} node {} ({}) with control plane {}", kind.wireName(), nodeId,
                endpoint, controlPlaneUrl);
          }
        }
        case REJECTED -> LOG.error("Control plane {} rejects {} node {}: HTTP {} {}: {}. Check that the node "
                + "and the control plane use the same cluster token; retrying every {}", controlPlaneUrl,
            kind.wireName(), nodeId, result.httpStatus(), result.errorCode(), result.message(), heartbeatInterval);
        case OUTAGE -> {
          outageSince = result.at();
          LOG.warn("Control plane {} is unavailable to {} node {}: {}; retrying every {} (logged once per outage)",
              controlPlaneUrl, kind.wireName(), nodeId, result.message(), heartbeatInterval);
        }
        default -> throw new IllegalStateException("unknown log state " + now);
      }
    }
    if (listener != null) {
      try {
        listener.accept(result);
      } catch (RuntimeException e) {
        LOG.warn("Heartbeat listener of node {} failed", nodeId, e);
      }
    }
  }

  private static LogState logState(Outcome outcome) {
    return switch (outcome) {
      case ACCEPTED -> LogState.UP;
      case REJECTED -> LogState.REJECTED;
      case FAILED, UNREACHABLE -> LogState.OUTAGE;
    };
  }

  private static Duration requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
    return d;
  }

  /** Builds a {@link NodeRegistration}. Required: control plane URL, token, node id, kind, endpoint, capacity. */
  public static final class Builder {
    private URI controlPlaneUrl;
    private ClusterToken token;
    private String nodeId;
    private NodeKind kind;
    private String endpoint;
    private String socket;
    private String version = NODE_VERSION;
    private Supplier<? extends Map<String, ?>> capacity;
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Clock clock = Clock.systemUTC();
    private HttpClient httpClient;
    private Path trustedCertificate;
    private Consumer<HeartbeatResult> listener;

    private Builder() {}

    /** Base URL of the control plane, e.g. {@code http://127.0.0.1:9000}. */
    public Builder controlPlaneUrl(URI controlPlaneUrl) {
      this.controlPlaneUrl = controlPlaneUrl;
      return this;
    }

    public Builder token(ClusterToken token) {
      this.token = token;
      return this;
    }

    public Builder nodeId(String nodeId) {
      this.nodeId = nodeId;
      return this;
    }

    public Builder kind(NodeKind kind) {
      this.kind = kind;
      return this;
    }

    /** Where the control plane reaches this node's internal API, e.g. {@code http://127.0.0.1:41234}. */
    public Builder endpoint(String endpoint) {
      this.endpoint = endpoint;
      return this;
    }

    /**
     * The absolute path of a Unix socket on which the node also serves its internal API, or null
     * (the default). A control plane uses it only for a node whose endpoint is on loopback, that
     * is on its own host.
     */
    public Builder socket(String socket) {
      this.socket = socket;
      return this;
    }

    /** Defaults to {@link #NODE_VERSION}. */
    public Builder version(String version) {
      this.version = version;
      return this;
    }

    /**
     * Measures the node's capacity for each call (called on the heartbeat thread, so it may block
     * briefly). If it throws, the heartbeat goes out with an empty capacity.
     */
    public Builder capacity(Supplier<? extends Map<String, ?>> capacity) {
      this.capacity = capacity;
      return this;
    }

    /** Defaults to {@link #DEFAULT_HEARTBEAT_INTERVAL}; replaced by the control plane's answer. */
    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
      return this;
    }

    /** Defaults to {@link #DEFAULT_REQUEST_TIMEOUT}. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    /** Stamps {@code startedAt} and results. Defaults to the UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * A PEM certificate to trust for an https control plane whose certificate is not in the JVM's
     * trust store (the self-signed one a control plane generates). Ignored with {@link #httpClient}.
     */
    public Builder trustedCertificate(Path pemFile) {
      this.trustedCertificate = pemFile;
      return this;
    }

    /** Defaults to a new HTTP/1.1 client. */
    public Builder httpClient(HttpClient httpClient) {
      this.httpClient = httpClient;
      return this;
    }

    /** Told every result, on the calling thread (for metrics and tests). Must not block. */
    public Builder listener(Consumer<HeartbeatResult> listener) {
      this.listener = listener;
      return this;
    }

    public NodeRegistration build() {
      return new NodeRegistration(this);
    }
  }
}
