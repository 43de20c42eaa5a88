package dev.minicloud.computeagent;

import dev.minicloud.common.cluster.HeartbeatResult;
import dev.minicloud.common.cluster.NodeIdentity;
import dev.minicloud.common.cluster.NodeKind;
import dev.minicloud.common.cluster.NodeRegistration;
import dev.minicloud.computeagent.http.ComputeAgentRouter;
import dev.minicloud.computeagent.http.ImportImageHandler;
import dev.minicloud.computeagent.http.InstanceHandlers;
import dev.minicloud.computeagent.instance.BaseImage;
import dev.minicloud.computeagent.instance.InstanceManager;
import dev.minicloud.computeagent.runtime.ContainerRuntime;
import dev.minicloud.computeagent.runtime.DockerContainerRuntime;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One compute agent (one per Docker host; several can run in a JVM for tests): its data directory
 * and node id, its container runtime, its internal HTTP API ({@code /health/live},
 * {@code /internal/v1/...} behind the cluster token), and its registration with the control plane
 * when {@link ComputeAgentOptions#getControlPlaneUrl()} is set. The agent starts and registers even
 * when Docker does not answer; it then reports {@code dockerAvailable:false}. All wiring is here;
 * nothing is static.
 *
 * <pre>{@code
 * ComputeAgent agent = new ComputeAgent(new ComputeAgentOptions()
 *     .setDataDir(Path.of("data/ca1"))
 *     .setClusterToken(ClusterToken.load(Path.of("cluster-token")))
 *     .setControlPlaneUrl(URI.create("http://127.0.0.1:9000")));
 * agent.start().onSuccess(a -> System.out.println("listening at " + a.endpoint()));
 * }</pre>
 */
public final class ComputeAgent {

  private static final Logger LOG = LoggerFactory.getLogger(ComputeAgent.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final ContainerRuntime runtime;
  private final boolean ownsRuntime;
  private final ComputeAgentOptions options;
  private final Clock clock;
  private final DockerCapacity capacity;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Promise<Void> closing = Promise.promise();

  private volatile NodeIdentity identity;
  private volatile HttpServer server;
  private volatile NodeRegistration registration;
  private volatile Instant startedAt;
  private volatile InstanceManager instances;

  /** An agent with its own Vert.x instance and its own Docker runtime on {@link ComputeAgentOptions#getDockerHost()}. */
  public ComputeAgent(ComputeAgentOptions options) {
    this(null, options, null, Clock.systemUTC());
  }

  /**
   * @param vertx a shared Vert.x instance that {@link #close()} leaves running, or null for one of its own
   * @param options the configuration
   * @param runtime a container runtime that {@link #close()} leaves open, or null for a
   *     {@link DockerContainerRuntime} on {@link ComputeAgentOptions#getDockerHost()}
   */
  public ComputeAgent(Vertx vertx, ComputeAgentOptions options, ContainerRuntime runtime) {
    this(vertx, options, runtime, Clock.systemUTC());
  }

  /** As {@link #ComputeAgent(Vertx, ComputeAgentOptions, ContainerRuntime)}, with the clock that stamps {@code startedAt}. */
  public ComputeAgent(Vertx vertx, ComputeAgentOptions options, ContainerRuntime runtime, Clock clock) {
    this.options = new ComputeAgentOptions(Objects.requireNonNull(options, "options"));
    this.options.validate();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ownsRuntime = runtime == null;
    this.runtime = ownsRuntime ? new DockerContainerRuntime(this.options.getDockerHost()) : runtime;
    this.capacity = new DockerCapacity(this.runtime);
    this.ownsVertx = vertx == null;
    this.vertx = ownsVertx ? Vertx.vertx() : vertx;
  }

  /**
   * Creates the data directory and node id, asks the container engine what it offers, starts
   * listening, then (when a control plane is configured) makes the first registration call and
   * starts heartbeating. Completes once the agent is listening and that first call has been answered
   * or timed out; neither Docker nor the control plane being down fails the start. On failure the
   * agent is closed.
   */
  public Future<ComputeAgent> start() {
    if (closed.get() || !started.compareAndSet(false, true)) {
      return Future.failedFuture(new IllegalStateException("compute agent already started or closed"));
    }
    Path dataDir = options.getDataDir();
    // Completed off the Vert.x context: a failed start closes a Vert.x instance the agent owns.
    Promise<ComputeAgent> result = Promise.promise();
    vertx.executeBlocking(() -> {
          NodeIdentity id = NodeIdentity.loadOrCreate(dataDir, NodeKind.COMPUTE);
          identity = id;
          startedAt = clock.instant();
          Map<String, Object> offered = capacity.get(); // logs when Docker is unavailable
          if (Boolean.TRUE.equals(offered.get("dockerAvailable"))) {
            LOG.info("Docker engine {} offers {} CPUs and {} bytes of memory", offered.get("dockerVersion"),
                offered.get("cpus"), offered.get("memoryBytes"));
            BaseImage.ensure(runtime, options.getBusybox(), dataDir.resolve("tmp"));
          }
          return id;
        })
        .compose(id -> vertx.createHttpServer(new HttpServerOptions()
                .setHost(options.getBindAddress())
                .setPort(options.getPort()))
            .requestHandler(ComputeAgentRouter.create(vertx, options.getClusterToken(), this::info,
                new InstanceHandlers(instances()),
                new ImportImageHandler(runtime, options.getDataDir().resolve("tmp"))))
            .listen())
        .compose(listening -> {
          server = listening;
          LOG.info("Compute agent {} listening at {} (data in {})", identity.nodeId(), endpoint(), dataDir);
          return options.getControlPlaneUrl() == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
            register();
            return null;
          });
        })
        .onComplete(done -> {
          if (done.succeeded()) {
            result.complete(this);
          } else {
            close().onComplete(ignored -> result.fail(done.cause()));
          }
        });
    return result.future();
  }

  private void register() {
    NodeRegistration reg = NodeRegistration.builder()
        .controlPlaneUrl(options.getControlPlaneUrl())
        .token(options.getClusterToken())
        .nodeId(identity.nodeId())
        .kind(NodeKind.COMPUTE)
        .endpoint(endpoint())
        .capacity(capacity)
        .heartbeatInterval(options.getHeartbeatInterval())
        .trustedCertificate(options.getControlPlaneCertificate())
        .clock(clock)
        .build();
    registration = reg;
    if (closed.get()) {
      return;
    }
    reg.start(); // the registration logs its own outcome
  }

  /**
   * Stops heartbeating and listening; closes the Vert.x instance and the container runtime if the
   * agent owns them. Idempotent; may be called from any thread, including a Vert.x one (the blocking
   * part runs on its own thread).
   */
  public Future<Void> close() {
    if (!closed.compareAndSet(false, true)) {
      return closing.future();
    }
    Thread closer = new Thread(this::shutdown, "compute-agent-close");
    closer.setDaemon(true);
    closer.start();
    return closing.future();
  }

  private void shutdown() {
    try {
      NodeRegistration reg = registration;
      if (reg != null) {
        reg.close();
      }
      HttpServer listening = server;
      if (ownsVertx) {
        awaitVertx(vertx.close());
      } else if (listening != null) {
        awaitVertx(listening.close());
      }
      if (ownsRuntime) {
        runtime.close();
      }
      NodeIdentity id = identity;
      LOG.info("Compute agent {} stopped", id == null ? "-" : id.nodeId());
      closing.complete();
    } catch (ExecutionException e) {
      closing.fail(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      closing.fail(e);
    } catch (TimeoutException e) {
      closing.fail(e);
    }
  }

  private static void awaitVertx(Future<Void> future) throws InterruptedException, ExecutionException, TimeoutException {
    future.toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The port the internal API listens on (the real one when configured with 0). */
  public int port() {
    HttpServer listening = server;
    if (listening == null) {
      throw new IllegalStateException("compute agent is not listening");
    }
    return listening.actualPort();
  }

  /** Where the control plane reaches this agent, e.g. {@code http://127.0.0.1:41234}. */
  public String endpoint() {
    String host = options.getAdvertisedHost() != null ? options.getAdvertisedHost() : options.getBindAddress();
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port();
  }

  /** This agent's persistent id ({@code ca-} + 12 hex digits). */
  public String nodeId() {
    NodeIdentity id = identity;
    if (id == null) {
      throw new IllegalStateException("compute agent is not started");
    }
    return id.nodeId();
  }

  /** The latest registration/heartbeat result; null when not registering or before the first call. */
  public HeartbeatResult lastHeartbeat() {
    NodeRegistration reg = registration;
    return reg == null ? null : reg.lastResult();
  }

  /** This agent's instances (after {@link #start()} has loaded the node id). */
  public InstanceManager instances() {
    InstanceManager manager = instances;
    if (manager == null) {
      manager = new InstanceManager(runtime, nodeId(), options.getInstanceNetwork(), options.getPublishAddress(),
          options.getStopGrace());
      instances = manager;
    }
    return manager;
  }

  /** What {@code GET /internal/v1/info} returns. Blocking (asks the container engine). */
  Map<String, Object> info() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("nodeId", nodeId());
    info.put("kind", NodeKind.COMPUTE.wireName());
    info.put("endpoint", endpoint());
    info.put("version", NodeRegistration.NODE_VERSION);
    info.put("startedAt", startedAt.toString());
    info.put("capacity", capacity.get());
    return info;
  }
}
