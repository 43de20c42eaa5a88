package dev.minicloud.controlplane.http;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.auth.PlatformRootOnly;
import dev.minicloud.controlplane.auth.SigV4AuthHandler;
import dev.minicloud.controlplane.cluster.ClusterTokenGuard;
import dev.minicloud.controlplane.cluster.ListNodesHandler;
import dev.minicloud.controlplane.cluster.NodeHeartbeatHandler;
import dev.minicloud.controlplane.compute.ComputeHandlers;
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
 * one handler class. Later: policy, audit and metering hook in right after authentication.
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
      ComputeHandlers compute,
      Handler<RoutingContext> s3) {}

  private ApiRouter() {}

  public static Router create(Vertx vertx, Parts p) {
    Router router = Router.router(vertx);
    Handler<RoutingContext> documentBody = BodyHandler.create(false).setBodyLimit(MAX_DOCUMENT_BODY);

    router.route().handler(p.requestContext());
    router.route().failureHandler(p.failures());

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

    // Compute (controlplane.compute): one line per operation.
    ComputeHandlers c = p.compute();
    router.post("/compute/v1/instances").handler(c.runInstances());
    router.get("/compute/v1/instances").handler(c.describeInstances());
    router.get("/compute/v1/instances/:id").handler(c.describeInstance());
    router.post("/compute/v1/instances/:id/stop").handler(c.stopInstance());
    router.post("/compute/v1/instances/:id/start").handler(c.startInstance());
    router.post("/compute/v1/instances/:id/reboot").handler(c.rebootInstance());
    router.delete("/compute/v1/instances/:id").handler(c.terminateInstance());
    router.get("/compute/v1/instances/:id/console").handler(c.consoleOutput());
    router.post("/compute/v1/instances/:id/exec").handler(c.exec());
    router.get("/compute/v1/images").handler(c.describeImages());
    router.post("/compute/v1/images/import").handler(c.importImage());
    router.delete("/compute/v1/images/:id").handler(c.deregisterImage());
    router.get("/compute/v1/instance-types").handler(c.describeInstanceTypes());

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
