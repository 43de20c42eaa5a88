package dev.minicloud.storagenode;

import dev.minicloud.common.cluster.HeartbeatResult;
import dev.minicloud.common.cluster.NodeIdentity;
import dev.minicloud.common.cluster.NodeKind;
import dev.minicloud.common.cluster.NodeRegistration;
import dev.minicloud.storagenode.blob.BlobFiles;
import dev.minicloud.storagenode.blob.SmallBlobs;
import dev.minicloud.storagenode.blob.TieredBlobStore;
import dev.minicloud.storagenode.http.StorageNodeRouter;
import dev.minicloud.storagenode.http.UnixSocketListener;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One storage node process (or one of several in a JVM): its data directory, node id and blobs
 * (small ones in RocksDB under {@code <dataDir>/small-blobs}, others as files under {@code <dataDir>/blobs}), its internal HTTP API ({@code /health/live}, {@code /internal/v1/...} behind the cluster token), and
 * its registration with the control plane when {@link StorageNodeOptions#getControlPlaneUrl()} is
 * set. All wiring is here; nothing is static.
 *
 * <pre>{@code
 * StorageNode node = new StorageNode(new StorageNodeOptions()
 *     .setDataDir(Path.of("data/sn1"))
 *     .setClusterToken(ClusterToken.load(Path.of("cluster-token")))
 *     .setControlPlaneUrl(URI.create("http://127.0.0.1:9000")));
 * node.start().onSuccess(n -> System.out.println("listening at " + n.endpoint()));
 * }</pre>
 */
public final class StorageNode {

  private static final Logger LOG = LoggerFactory.getLogger(StorageNode.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
  private static final String SOCKET_FILE = "node.sock";

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final StorageNodeOptions options;
  private final Clock clock;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Promise<Void> closing = Promise.promise();

  private volatile NodeIdentity identity;
  private volatile HttpServer server;
  private volatile HttpServer socketServer;
  private volatile NodeRegistration registration;
  private volatile Instant startedAt;
  private volatile DiskCapacity capacity;
  private volatile BlobFiles blobFiles;
  private volatile SmallBlobs smallBlobs;

  /** A node with its own Vert.x instance, closed by {@link #close()}. */
  public StorageNode(StorageNodeOptions options) {
    this(null, options, Clock.systemUTC());
  }

  /** A node on a shared Vert.x instance, which {@link #close()} leaves running. */
  public StorageNode(Vertx vertx, StorageNodeOptions options) {
    this(Objects.requireNonNull(vertx, "vertx"), options, Clock.systemUTC());
  }

  /**
   * @param vertx a shared Vert.x instance, or null for one of its own
   * @param clock stamps {@code startedAt}
   */
  public StorageNode(Vertx vertx, StorageNodeOptions options, Clock clock) {
    this.options = new StorageNodeOptions(Objects.requireNonNull(options, "options"));
    this.options.validate();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ownsVertx = vertx == null;
    // Netty's native transport when present (for the Unix socket and fewer copies), else Java NIO.
    this.vertx = ownsVertx ? Vertx.vertx(new VertxOptions().setPreferNativeTransport(true)) : vertx;
  }

  /**
   * Creates the data directory and node id, starts listening, then (when a control plane is
   * configured) makes the first registration call and starts heartbeating. Completes once the node
   * is listening and that first call has been answered or timed out; a control plane that is down
   * does not fail the start. On failure the node is closed.
   */
  public Future<StorageNode> start() {
    if (closed.get() || !started.compareAndSet(false, true)) {
      return Future.failedFuture(new IllegalStateException("storage node already started or closed"));
    }
    Path dataDir = options.getDataDir();
    // Completed off the Vert.x context: a failed start closes a Vert.x instance the node owns.
    Promise<StorageNode> result = Promise.promise();
    vertx.executeBlocking(() -> {
          NodeIdentity id = NodeIdentity.loadOrCreate(dataDir, NodeKind.STORAGE);
          identity = id;
          capacity = new DiskCapacity(dataDir);
          blobFiles = BlobFiles.open(dataDir.resolve("blobs")); // deletes unfinished uploads: none is running yet
          smallBlobs = SmallBlobs.open(dataDir.resolve("small-blobs")); // closed by close(), also after a failed start
          startedAt = clock.instant();
          return id;
        })
        .compose(id -> {
          HttpServerOptions serverOptions = new HttpServerOptions()
              .setHttp2ClearTextEnabled(false) // HTTP/1.1 only: see ControlPlane
              .setMaxChunkSize(64 * 1024) // blob bodies in 64 KiB chunks rather than Netty's 8 KiB
              .setPerMessageWebSocketCompressionSupported(false) // no WebSockets: see ControlPlane
              .setPerFrameWebSocketCompressionSupported(false)
              .setHost(options.getBindAddress())
              .setPort(options.getPort())
              .setIdleTimeout((int) options.getIdleTimeout().toMillis())
              .setIdleTimeoutUnit(TimeUnit.MILLISECONDS);
          Router router = StorageNodeRouter.create(vertx, options.getClusterToken(), this::info,
              TieredBlobStore.create(vertx, blobFiles, smallBlobs, clock), blobFiles);
          return vertx.createHttpServer(serverOptions).requestHandler(router).listen()
              .compose(listening -> {
                server = listening;
                return options.isUnixSocket()
                    ? UnixSocketListener.listen(vertx, serverOptions, router, socketFile())
                    : Future.<HttpServer>succeededFuture();
              })
              .map(local -> {
                socketServer = local;
                return id;
              });
        })
        .compose(listening -> {
          LOG.info("Storage node {} listening at {}{} (data in {})", identity.nodeId(), endpoint(),
              socketServer == null ? "" : " and on " + socketFile(), dataDir);
          return options.getControlPlaneUrl() == null ? Future.succeededFuture() : vertx.executeBlocking(() -> {
            register();
            return null;
          });
        })
        .onComplete(started -> {
          if (started.succeeded()) {
            result.complete(this);
          } else {
            close().onComplete(closed -> result.fail(started.cause()));
          }
        });
    return result.future();
  }

  private void register() {
    NodeRegistration reg = NodeRegistration.builder()
        .controlPlaneUrl(options.getControlPlaneUrl())
        .token(options.getClusterToken())
        .nodeId(identity.nodeId())
        .kind(NodeKind.STORAGE)
        .endpoint(endpoint())
        .socket(socketServer == null ? null : socketFile().toString())
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
   * Stops heartbeating and listening; closes the Vert.x instance if the node owns it. Idempotent;
   * may be called from any thread, including a Vert.x one (the blocking part runs on its own thread).
   */
  public Future<Void> close() {
    if (!closed.compareAndSet(false, true)) {
      return closing.future();
    }
    Thread closer = new Thread(this::shutdown, "storage-node-close");
    closer.setDaemon(true);
    closer.start();
    return closing.future();
  }

  private void shutdown() {
    Throwable failure = null;
    try {
      NodeRegistration reg = registration;
      if (reg != null) {
        reg.close();
      }
      HttpServer listening = server;
      HttpServer local = socketServer;
      if (local != null) {
        awaitVertx(UnixSocketListener.close(local, socketFile()));
      }
      if (ownsVertx) {
        awaitVertx(vertx.close());
      } else if (listening != null) {
        awaitVertx(listening.close());
      }
    } catch (ExecutionException e) {
      failure = e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      failure = e;
    } catch (TimeoutException | RuntimeException e) {
      failure = e;
    } finally {
      // Last, and even when stopping failed: the database's lock must not outlive the node. A write
      // still running finishes first (SmallBlobs' lock); later ones fail.
      SmallBlobs small = smallBlobs;
      if (small != null) {
        small.close();
      }
    }
    if (failure != null) {
      closing.fail(failure);
      return;
    }
    NodeIdentity id = identity;
    LOG.info("Storage node {} stopped", id == null ? "-" : id.nodeId());
    closing.complete();
  }

  private static void awaitVertx(Future<Void> future) throws InterruptedException, ExecutionException, TimeoutException {
    future.toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The port the internal API listens on (the real one when configured with 0). */
  public int port() {
    HttpServer listening = server;
    if (listening == null) {
      throw new IllegalStateException("storage node is not listening");
    }
    return listening.actualPort();
  }

  /** Where the control plane reaches this node, e.g. {@code http://127.0.0.1:41234}. */
  public String endpoint() {
    String host = options.getAdvertisedHost() != null ? options.getAdvertisedHost() : options.getBindAddress();
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port();
  }

  /**
   * The Unix socket the internal API also listens on ({@code <dataDir>/node.sock}), for a control
   * plane on this host; empty when the node serves TCP only.
   */
  public Optional<Path> unixSocket() {
    return socketServer == null ? Optional.empty() : Optional.of(socketFile());
  }

  private Path socketFile() {
    return options.getDataDir().resolve(SOCKET_FILE).toAbsolutePath();
  }

  /** This node's persistent id ({@code sn-} + 12 hex digits). */
  public String nodeId() {
    NodeIdentity id = identity;
    if (id == null) {
      throw new IllegalStateException("storage node is not started");
    }
    return id.nodeId();
  }

  /** The latest registration/heartbeat result; null when not registering or before the first call. */
  public HeartbeatResult lastHeartbeat() {
    NodeRegistration reg = registration;
    return reg == null ? null : reg.lastResult();
  }

  /** What {@code GET /internal/v1/info} returns. Blocking (measures the disk). */
  Map<String, Object> info() {
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("nodeId", nodeId());
    info.put("kind", NodeKind.STORAGE.wireName());
    info.put("endpoint", endpoint());
    info.put("version", NodeRegistration.NODE_VERSION);
    info.put("startedAt", startedAt.toString());
    info.put("capacity", capacity.get());
    return info;
  }
}
