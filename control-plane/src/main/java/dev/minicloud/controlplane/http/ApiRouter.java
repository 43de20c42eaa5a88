package dev.minicloud.controlplane.http;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.audit.ListAuditEventsHandler;
import dev.minicloud.controlplane.audit.VerifyAuditHandler;
import dev.minicloud.controlplane.auth.PlatformRootOnly;
import dev.minicloud.controlplane.auth.SigV4AuthHandler;
import dev.minicloud.controlplane.billing.GetInvoiceHandler;
import dev.minicloud.controlplane.billing.GetPriceListHandler;
import dev.minicloud.controlplane.billing.GetUsageHandler;
import dev.minicloud.controlplane.cluster.ClusterTokenGuard;
import dev.minicloud.controlplane.cluster.ListNodesHandler;
import dev.minicloud.controlplane.cluster.NodeHeartbeatHandler;
import dev.minicloud.controlplane.health.HealthHandlers;
import dev.minicloud.controlplane.sts.GetCallerIdentityHandler;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Every route of the public endpoint, top to bottom. Shared concerns (request id, access log,
 * authentication, errors) are handlers on the way in, registered once here; each API operation is
 * one handler class. Audit and metering are route handlers registered once, at the top.
 */
public final class ApiRouter {

  /** Bodies of the JSON and query APIs are small documents; objects go through S3, streamed. */
  static final long MAX_DOCUMENT_BODY = 1 << 20;

  /** The parts the router wires together. */
  public record Parts(
      RequestContextHandler requestContext,
      FailureHandler failures,
      SigV4AuthHandler bufferedAuth,
      SigV4AuthHandler streamingAuth,
      HealthHandlers health,
      Handler<RoutingContext> metrics,
      ClusterTokenGuard clusterToken,
      NodeHeartbeatHandler nodeHeartbeat,
      ListNodesHandler listNodes,
      Handler<RoutingContext> s3,
      Handler<RoutingContext> auditHook,
      Handler<RoutingContext> meteringHook,
      GetUsageHandler usage,
      GetInvoiceHandler invoice,
      GetPriceListHandler prices,
      ListAuditEventsHandler auditEvents,
      VerifyAuditHandler auditVerify,
      Handler<RoutingContext> putBudget,
      Handler<RoutingContext> getBudget,
      Handler<RoutingContext> deleteBudget) {}

  private ApiRouter() {}

  public static Router create(Vertx vertx, Parts p) {
    Router router = Router.router(vertx);
    Handler<RoutingContext> documentBody = BodyHandler.create(false).setBodyLimit(MAX_DOCUMENT_BODY);

    router.route().handler(p.requestContext());
    router.route().failureHandler(p.failures());

    // Audit and metering, once each for every protocol. They record when the response is written,
    // reading the principal (set by authentication, step 4 below), action and outcome from the
    // RequestContext; unauthenticated requests carry no principal and are neither audited nor billed.
    // Both write to RocksDB's write-ahead log before the response headers go out.
    router.route().handler(p.meteringHook());
    router.route().handler(p.auditHook());

    // Probes: unauthenticated.
    router.get("/health/live").handler(p.health()::live);
    router.get("/health/ready").handler(p.health()::ready);
    router.get("/metrics").handler(p.metrics());

    // Node-to-control-plane API, behind the cluster token.
    router.route(SurfaceClassifier.INTERNAL_PREFIX + "/*").handler(p.clusterToken());
    router.put(SurfaceClassifier.INTERNAL_PREFIX + "/nodes/:nodeId").handler(documentBody).handler(p.nodeHeartbeat());

    // JSON APIs: read the (small) body, then SigV4 over it.
    for (String prefix : SurfaceClassifier.JSON_API_PREFIXES) {
      router.route(prefix + "/*").handler(documentBody).handler(p.bufferedAuth());
    }
    router.route("/admin/v1/*").handler(new PlatformRootOnly());
    router.get("/admin/v1/nodes").handler(p.listNodes());

    // Billing and audit.
    router.get("/billing/v1/usage").handler(p.usage());
    router.get("/billing/v1/invoices/:month").handler(p.invoice());
    router.get("/billing/v1/prices").handler(p.prices());
    router.put("/billing/v1/budget").handler(p.putBudget());
    router.get("/billing/v1/budget").handler(p.getBudget());
    router.delete("/billing/v1/budget").handler(p.deleteBudget());
    router.get("/audit/v1/events").handler(p.auditEvents());
    router.post("/audit/v1/verify").handler(new PlatformRootOnly()).handler(p.auditVerify());

    // Anything else under a reserved prefix is an unknown JSON resource.
    for (String prefix : SurfaceClassifier.JSON_API_PREFIXES) {
      router.route(prefix + "/*").handler(ApiRouter::notFound);
    }
    router.route(SurfaceClassifier.INTERNAL_PREFIX + "/*").handler(ApiRouter::notFound);

    // AWS query protocol (STS).
    router.post("/").consumes(SurfaceClassifier.FORM_CONTENT_TYPE).handler(documentBody).handler(p.bufferedAuth()).handler(new GetCallerIdentityHandler());

    // S3: everything else. Bodies stream; only headers are verified up front.
    router.route().handler(p.streamingAuth()).handler(p.s3());
    return router;
  }

  private static void notFound(RoutingContext ctx) {
    throw new ApiException(ApiErrorCode.NOT_FOUND,
        "No such resource: " + ctx.request().method() + " " + ctx.request().path());
  }
}
