package dev.minicloud.controlplane;

import dev.minicloud.common.cluster.ClusterToken;
import dev.minicloud.common.id.Ids;
import dev.minicloud.controlplane.audit.AuditLog;
import dev.minicloud.controlplane.audit.AuditRecorder;
import dev.minicloud.controlplane.audit.ListAuditEventsHandler;
import dev.minicloud.controlplane.audit.VerifyAuditHandler;
import dev.minicloud.controlplane.auth.SigV4AuthHandler;
import dev.minicloud.controlplane.billing.BudgetHandlers;
import dev.minicloud.controlplane.billing.Budgets;
import dev.minicloud.controlplane.billing.GetInvoiceHandler;
import dev.minicloud.controlplane.billing.GetPriceListHandler;
import dev.minicloud.controlplane.billing.GetUsageHandler;
import dev.minicloud.controlplane.billing.Invoices;
import dev.minicloud.controlplane.billing.PriceList;
import dev.minicloud.controlplane.cluster.ClusterTokenGuard;
import dev.minicloud.controlplane.cluster.ListNodesHandler;
import dev.minicloud.controlplane.cluster.NodeHeartbeatHandler;
import dev.minicloud.controlplane.cluster.NodeRegistry;
import dev.minicloud.controlplane.compute.ComputeHandlers;
import dev.minicloud.controlplane.compute.agent.AgentClient;
import dev.minicloud.controlplane.compute.image.ImageCatalog;
import dev.minicloud.controlplane.compute.image.ImportImageHandler;
import dev.minicloud.controlplane.compute.instance.InstanceMeter;
import dev.minicloud.controlplane.compute.instance.InstanceReconciler;
import dev.minicloud.controlplane.compute.instance.SuspendedAccountInstances;
import dev.minicloud.controlplane.compute.instance.InstanceService;
import dev.minicloud.controlplane.compute.instance.InstanceStore;
import dev.minicloud.controlplane.compute.placement.Placement;
import dev.minicloud.controlplane.compute.type.InstanceTypeCatalog;
import dev.minicloud.controlplane.health.HealthHandlers;
import dev.minicloud.controlplane.http.AccessLog;
import dev.minicloud.controlplane.http.ApiRouter;
import dev.minicloud.controlplane.http.ApiSurface;
import dev.minicloud.controlplane.http.FailureHandler;
import dev.minicloud.controlplane.http.JsonErrors;
import dev.minicloud.controlplane.http.OpenApiHandler;
import dev.minicloud.controlplane.http.RequestContextHandler;
import dev.minicloud.controlplane.http.ServerInstances;
import dev.minicloud.controlplane.iam.Authorizer;
import dev.minicloud.controlplane.iam.S3Authorization;
import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.iam.api.IamApi;
import dev.minicloud.controlplane.identity.IdentityStore;
import dev.minicloud.controlplane.identity.RootBootstrap;
import dev.minicloud.controlplane.identity.SecretCipher;
import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metadata.rocksdb.RocksMetadataStore;
import dev.minicloud.controlplane.metering.InstanceUsage;
import dev.minicloud.controlplane.metering.MeteringOptions;
import dev.minicloud.controlplane.metering.RequestRecordsHook;
import dev.minicloud.controlplane.metering.StorageSampler;
import dev.minicloud.controlplane.metering.UsageJournal;
import dev.minicloud.controlplane.metering.UsageStore;
import dev.minicloud.controlplane.observability.PlatformMetrics;
import dev.minicloud.controlplane.s3.S3Api;
import dev.minicloud.controlplane.s3.S3Errors;
import dev.minicloud.controlplane.s3.S3Handlers;
import dev.minicloud.controlplane.storage.blob.BlobClient;
import dev.minicloud.controlplane.storage.blob.BlobPlacement;
import dev.minicloud.controlplane.storage.bucket.BucketStore;
import dev.minicloud.controlplane.storage.encryption.DataKeys;
import dev.minicloud.controlplane.storage.encryption.ServerSideEncryption;
import dev.minicloud.controlplane.storage.gc.BlobCollector;
import dev.minicloud.controlplane.storage.multipart.UploadStore;
import dev.minicloud.controlplane.storage.object.ObjectIndex;
import dev.minicloud.controlplane.sts.StsErrors;
import dev.minicloud.controlplane.tls.TlsMaterial;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wiring of one control plane process: metadata store, identity, node registry and the public
 * HTTP endpoint. Constructor injection only, no statics, so several run in one test JVM.
 */
public final class ControlPlane implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ControlPlane.class);

  public static final String CLUSTER_TOKEN_FILE = "cluster-token";

  private final ControlPlaneOptions options;
  private final Clock clock;
  private final PrintStream console;

  private MetadataStore store;
  private Vertx vertx;
  private ServerInstances server;
  private ClusterToken clusterToken;
  private Optional<TlsMaterial> tls = Optional.empty();
  private String rootAccountId;
  private BlobCollector blobCollector;
  private UsageJournal usageJournal;
  private ObjectIndex objectIndex;
  private final AccessLog accessLog = new AccessLog();
  private MetadataStore meteringStore;
  private InstanceUsage instanceUsage;

  public ControlPlane(ControlPlaneOptions options, Clock clock, PrintStream console) {
    this.options = options;
    this.clock = clock;
    this.console = console;
  }

  /** Opens the data directory and starts listening; returns once the endpoint accepts requests. */
  public ControlPlane start() {
    Path data = options.dataDir();
    try {
      Files.createDirectories(data);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create data directory " + data, e);
    }
    store = RocksMetadataStore.open(data.resolve("metadata"));
    Ids ids = new Ids();
    SecretCipher masterKey = SecretCipher.loadOrCreate(data.resolve("master.key"));
    IdentityStore identity = new IdentityStore(store, masterKey);
    ServerSideEncryption sse = new ServerSideEncryption(new DataKeys(masterKey));
    rootAccountId = new RootBootstrap(identity, ids, clock).ensureRoot(data, console);
    clusterToken = options.clusterToken().map(ClusterToken::of)
        .orElseGet(() -> ClusterToken.loadOrGenerate(data.resolve(CLUSTER_TOKEN_FILE)));

    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    vertx = Vertx.builder()
        .with(new VertxOptions().setPreferNativeTransport(true).setMetricsOptions(new MicrometerMetricsOptions()
            .setEnabled(true)
            .setJvmMetricsEnabled(true)
            // Requests are timed once, by API, action and status, in RequestRecordsHook
            // (minicloud_api_requests). Vert.x's own per-request and per-read meters timed every
            // public request again, and every internal call to a node on both of its ends, and
            // counted the bytes of every socket read and every worker task: a visible share of a
            // small request's CPU for figures nobody read.
            .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)
            .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT)
            .addDisabledMetricsCategory(MetricsDomain.NET_SERVER)
            .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
            .addDisabledMetricsCategory(MetricsDomain.NAMED_POOLS)
            .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)))
        .withMetrics(new MicrometerMetricsFactory(metrics))
        .build();

    NodeRegistry nodes = new NodeRegistry(store, clock, options.nodeDownAfter());
    PlatformMetrics.bindNodeGauges(metrics, nodes);
    vertx.setPeriodic(options.heartbeatInterval().toMillis(), id -> nodes.markMissing());

    ObjectIndex objects = new ObjectIndex(store);
    objectIndex = objects;
    BlobClient blobs = new BlobClient(vertx, nodes, clusterToken, metrics);
    blobCollector = new BlobCollector(vertx, store, nodes, blobs, clock);
    blobCollector.schedule(BlobCollector.DEFAULT_INTERVAL, BlobCollector.DEFAULT_GRACE);
    BucketStore buckets = new BucketStore(store);
    UserStore users = new UserStore(store, identity);
    Authorizer authorizer = new Authorizer(users, clock);
    S3Authorization s3Authorization = new S3Authorization(buckets, objects, identity, authorizer);

    // Metering, billing and audit (docs/api/billing.md, docs/api/audit.md).
    MeteringOptions metering = options.metering();
    // Usage and audit have a RocksDB (and so a write-ahead log) of their own: every request logs
    // there before its response, and in the object metadata's log those writes queued behind the
    // fsyncs of concurrent PUT commits.
    meteringStore = RocksMetadataStore.open(data.resolve("metering"));
    UsageStore usage = new UsageStore(meteringStore);
    usage.foldJournalFully(); // usage a crash logged but did not fold yet, before anything reads it
    usageJournal = new UsageJournal(usage);
    usageJournal.bindMetrics(metrics);
    instanceUsage = new InstanceUsage(usageJournal);
    StorageSampler sampler = new StorageSampler(store, usage, clock);
    AuditLog audit = new AuditLog(meteringStore);
    Invoices invoices = new Invoices(usage, PriceList.load(metering.pricingFile(), data), clock);
    Budgets budgets = new Budgets(usage, invoices, clock);
    vertx.setPeriodic(metering.changedSampleInterval().toMillis(),
        id -> background(sampler::sampleChanged));
    vertx.setPeriodic(0, metering.storageSampleInterval().toMillis(), id -> background(() -> {
      sampler.sampleAll();
      audit.sealClosedHours(clock.instant());
      usage.pruneMarkers(clock.instant().minus(UsageStore.MARKER_RETENTION));
    }));
    Compute compute = compute(nodes, ids, buckets, objects, blobs, sse, identity);
    var router = ApiRouter.create(vertx, new ApiRouter.Parts(
        new RequestContextHandler(ids, clock, accessLog),
        new FailureHandler(Map.of(
            ApiSurface.S3, new S3Errors(),
            ApiSurface.STS, new StsErrors(),
            ApiSurface.JSON, new JsonErrors(),
            ApiSurface.INTERNAL, new JsonErrors(),
            ApiSurface.PROBE, new JsonErrors())),
        SigV4AuthHandler.buffered(identity, clock),
        SigV4AuthHandler.streaming(identity, clock),
        new HealthHandlers(store, nodes),
        PrometheusScrapingHandler.create(metrics),
        new OpenApiHandler(),
        new ClusterTokenGuard(clusterToken),
        new NodeHeartbeatHandler(nodes, options.heartbeatInterval()),
        new ListNodesHandler(nodes),
        compute.handlers(),
        authorizer,
        IamApi.create(identity, users, buckets, authorizer, s3Authorization, compute.suspension(), clock),
        new S3Api(S3Handlers.create(new S3Handlers.Storage(buckets, objects,
            new UploadStore(store, objects), new BlobPlacement(nodes, options.replicas()), blobs, sse,
            options.region(), vertx, clock)), options.virtualHostDomain(), s3Authorization),
        new RequestRecordsHook(usageJournal, usage,
            List.of(new AuditRecorder(audit, clock, metering.auditReadSampleRate(), options.virtualHostDomain())),
            sampler::changed, metrics, metering.logBeforeResponse()),
        new GetUsageHandler(usage, vertx, clock),
        new GetInvoiceHandler(invoices, vertx),
        new GetPriceListHandler(invoices.priceList()),
        new ListAuditEventsHandler(audit, vertx, clock),
        new VerifyAuditHandler(audit, vertx, clock),
        BudgetHandlers.put(budgets, vertx),
        BudgetHandlers.get(budgets, vertx),
        BudgetHandlers.delete(budgets, vertx)));

    HttpServerOptions serverOptions = new HttpServerOptions()
        // HTTP/1.1 only. Clients that offer an h2c upgrade (the JDK's HttpClient does by default)
        // are answered in HTTP/1.1, as RFC 9110 allows; with the upgrade accepted, responses to
        // such clients stalled now and then in tests (S3 clients never ask for h2c).
        .setHttp2ClearTextEnabled(false)
        // Object bodies stream through in chunks of up to 64 KiB (Netty's default is 8 KiB): each
        // chunk is digested and forwarded to the storage nodes, so fewer, larger ones cost less.
        .setMaxChunkSize(BlobClient.STREAM_CHUNK)
        .setHost(options.bindAddress())
        .setPort(options.port())
        .setCompressionSupported(false)
        // No WebSocket endpoints: without these Vert.x puts a WebSocket extension handler in every
        // connection's pipeline, which every request and response passes through (~2% of a 4 KiB GET).
        .setPerMessageWebSocketCompressionSupported(false)
        .setPerFrameWebSocketCompressionSupported(false)
        .setHandle100ContinueAutomatically(true)
        .setDecompressionSupported(false);
    if (options.tls()) {
      TlsMaterial material = TlsMaterial.resolve(data, options.tlsCert(), options.tlsKey(),
          List.of(options.bindAddress()));
      tls = Optional.of(material);
      serverOptions.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
          .setCertPath(material.certPath().toString())
          .setKeyPath(material.keyPath().toString()));
    }
    server = await(ServerInstances.listen(vertx, serverOptions, router, ServerInstances.DEFAULT_COUNT));
    LOG.info("control plane listening on {}", endpoint());
    return this;
  }

  /** The compute service's handlers, and what the suspend operation calls to stop an account's instances. */
  private record Compute(ComputeHandlers handlers, SuspendedAccountInstances suspension) {}

  /**
   * The compute service: image catalogue (seeded), instance service, and its reconciler on a timer,
   * each pass followed by stopping what suspended accounts still run.
   */
  private Compute compute(NodeRegistry nodes, Ids ids, BucketStore buckets, ObjectIndex objects,
      BlobClient blobs, ServerSideEncryption sse, IdentityStore identity) {
    ImageCatalog images = new ImageCatalog(store, ids, clock);
    images.seed();
    InstanceTypeCatalog types = new InstanceTypeCatalog();
    InstanceStore instanceStore = new InstanceStore(store);
    AgentClient agents = new AgentClient(vertx, nodes, clusterToken);
    InstanceService instances = new InstanceService(instanceStore, images, types, new Placement(nodes), agents, ids,
        clock);
    InstanceMeter meter = new InstanceMeter(instanceStore, instanceUsage, clock);
    vertx.setPeriodic(InstanceMeter.DEFAULT_INTERVAL.toMillis(), id -> background(meter::meterOnce));
    InstanceReconciler reconciler = new InstanceReconciler(instanceStore, agents, nodes, clock);
    SuspendedAccountInstances suspended = new SuspendedAccountInstances(instances, identity);
    AtomicBoolean reconciling = new AtomicBoolean();
    vertx.setPeriodic(InstanceReconciler.DEFAULT_INTERVAL.toMillis(), id -> {
      if (reconciling.compareAndSet(false, true)) {
        reconciler.reconcileOnce()
            .onComplete(done -> {
              try {
                suspended.enforceAll();
              } finally {
                reconciling.set(false);
              }
            });
      }
    });
    return new Compute(ComputeHandlers.create(options.region(), instances, images, types, agents,
        new ImportImageHandler(images, buckets, objects, blobs, sse, agents, nodes)), suspended);
  }

  /** Where the compute service reports instance run time ({@code compute.instance-seconds.<type>}). */
  public InstanceUsage instanceUsage() {
    return instanceUsage;
  }

  /** Runs periodic metering work on a worker thread; a failure is logged and the next run retries. */
  private void background(Runnable task) {
    vertx.executeBlocking(() -> {
      task.run();
      return null;
    }, false).onFailure(e -> LOG.error("metering background task failed", e));
  }

  /**
   * The control plane's Vert.x, so that servers wired into the same process (the all-in-one
   * launcher's embedded nodes) share one set of event loops instead of starting their own.
   */
  public Vertx vertx() {
    return vertx;
  }

  public int port() {
    return server.actualPort();
  }

  /** The public endpoint URL, e.g. {@code http://127.0.0.1:9000}. */
  public String endpoint() {
    String host = options.bindAddress().contains(":") ? "[" + options.bindAddress() + "]" : options.bindAddress();
    if ("0.0.0.0".equals(host)) {
      host = "127.0.0.1";
    }
    return (options.tls() ? "https" : "http") + "://" + host + ":" + port();
  }

  /** The collector of orphaned object bytes (runs on its own; tests start a pass directly). */
  public BlobCollector blobCollector() {
    return blobCollector;
  }

  public ClusterToken clusterToken() {
    return clusterToken;
  }

  public String rootAccountId() {
    return rootAccountId;
  }

  public Path rootCredentialsFile() {
    return options.dataDir().resolve(RootBootstrap.CREDENTIALS_FILE);
  }

  /** The certificate clients should trust, when serving TLS. */
  public Optional<Path> tlsCertificate() {
    return tls.map(TlsMaterial::certPath);
  }

  /**
   * Graceful shutdown: stop accepting, let in-flight requests finish (up to the grace period),
   * then close the metadata store cleanly.
   */
  @Override
  public void close() {
    try {
      if (server != null) {
        await(server.shutdown(options.shutdownGrace().toMillis(), TimeUnit.MILLISECONDS));
      }
      if (vertx != null) {
        await(vertx.close());
      }
    } finally {
      accessLog.close(); // the last requests' lines
      if (usageJournal != null) {
        usageJournal.close(); // commits what is queued before the store closes
      }
      if (objectIndex != null) {
        objectIndex.close(); // the same
      }
      if (meteringStore != null) {
        meteringStore.close();
      }
      if (store != null) {
        store.close();
      }
    }
  }

  private static <T> T await(io.vertx.core.Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(cause);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("timed out", e);
    }
  }
}
