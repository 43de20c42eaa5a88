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
import dev.minicloud.controlplane.compute.ComputeHandlers;
import dev.minicloud.controlplane.health.HealthHandlers;
import dev.minicloud.controlplane.iam.Authorizer;
import dev.minicloud.controlplane.iam.JsonOperation;
import dev.minicloud.controlplane.iam.api.IamApi;
import dev.minicloud.controlplane.sts.GetCallerIdentityHandler;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Every route of the public endpoint, top to bottom. Shared concerns (request id, access log,
 * authentication, errors) are handlers on the way in, registered once here; each API operation is
 * one handler class. Authorization (the IAM policy engine) runs right after authentication: as a
 * route handler in front of each JSON operation, and inside the S3 dispatch once bucket and key are
 * known. Audit and metering are one route handler registered once, at the top.
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
      OpenApiHandler openApi,
      ClusterTokenGuard clusterToken,
      NodeHeartbeatHandler nodeHeartbeat,
      ListNodesHandler listNodes,
      ComputeHandlers compute,
      Authorizer authz,
      IamApi iam,
      Handler<RoutingContext> s3,
      Handler<RoutingContext> requestRecords,
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

    // Metering and audit, once for every protocol. The hook records when the response is written,
    // reading the principal (set by authentication, step 4 below), action and outcome from the
    // RequestContext; unauthenticated requests carry no principal and are neither audited nor billed.
    // A request's usage and audit record go to RocksDB's write-ahead log in one write before the
    // response headers go out.
    router.route().handler(p.requestRecords());

    // Probes: unauthenticated.
    router.get("/health/live").handler(p.health()::live);
    router.get("/health/ready").handler(p.health()::ready);
    router.get("/metrics").handler(p.metrics());
    // API descriptions (docs/api/*.openapi.yaml): unauthenticated too.
    router.get(OpenApiHandler.ROUTE).handler(p.openApi());

    // Node-to-control-plane API, behind the cluster token.
    router.route(SurfaceClassifier.INTERNAL_PREFIX + "/*").handler(p.clusterToken());
    router.put(SurfaceClassifier.INTERNAL_PREFIX + "/nodes/:nodeId").handler(documentBody).handler(p.nodeHeartbeat());

    // JSON APIs: read the (small) body, then SigV4 over it.
    for (String prefix : SurfaceClassifier.JSON_API_PREFIXES) {
      router.route(prefix + "/*").handler(documentBody).handler(p.bufferedAuth());
    }
    router.route("/admin/v1/*").handler(new PlatformRootOnly());
    router.get("/admin/v1/nodes").handler(p.listNodes());

    // Identity and access management. Each operation: authorization (the policy engine, or platform
    // root only for accounts), then its handler.
    IamApi iam = p.iam();
    op(router.post("/iam/v1/accounts"), p.authz(), iam.createAccount());
    op(router.get("/iam/v1/accounts"), p.authz(), iam.listAccounts());
    op(router.get("/iam/v1/accounts/:accountId"), p.authz(), iam.describeAccount());
    op(router.post("/iam/v1/accounts/:accountId/suspend"), p.authz(), iam.suspendAccount());
    op(router.post("/iam/v1/accounts/:accountId/reactivate"), p.authz(), iam.reactivateAccount());
    op(router.delete("/iam/v1/accounts/:accountId"), p.authz(), iam.deleteAccount());
    op(router.post("/iam/v1/users"), p.authz(), iam.createUser());
    op(router.get("/iam/v1/users"), p.authz(), iam.listUsers());
    op(router.get("/iam/v1/users/:userName"), p.authz(), iam.getUser());
    op(router.delete("/iam/v1/users/:userName"), p.authz(), iam.deleteUser());
    op(router.post("/iam/v1/users/:userName/access-keys"), p.authz(), iam.createAccessKey());
    op(router.get("/iam/v1/users/:userName/access-keys"), p.authz(), iam.listAccessKeys());
    op(router.put("/iam/v1/users/:userName/access-keys/:accessKeyId"), p.authz(), iam.updateAccessKey());
    op(router.delete("/iam/v1/users/:userName/access-keys/:accessKeyId"), p.authz(), iam.deleteAccessKey());
    op(router.put("/iam/v1/users/:userName/policies/:policyName"), p.authz(), iam.putUserPolicy());
    op(router.get("/iam/v1/users/:userName/policies/:policyName"), p.authz(), iam.getUserPolicy());
    op(router.delete("/iam/v1/users/:userName/policies/:policyName"), p.authz(), iam.deleteUserPolicy());
    op(router.post("/iam/v1/users/:userName/attached-policies"), p.authz(), iam.attachUserPolicy());
    op(router.get("/iam/v1/users/:userName/attached-policies"), p.authz(), iam.listAttachedUserPolicies());
    op(router.delete("/iam/v1/users/:userName/attached-policies"), p.authz(), iam.detachUserPolicy());
    op(router.get("/iam/v1/users/:userName/groups"), p.authz(), iam.listGroupsForUser());
    op(router.post("/iam/v1/groups"), p.authz(), iam.createGroup());
    op(router.get("/iam/v1/groups"), p.authz(), iam.listGroups());
    op(router.get("/iam/v1/groups/:groupName"), p.authz(), iam.getGroup());
    op(router.delete("/iam/v1/groups/:groupName"), p.authz(), iam.deleteGroup());
    op(router.put("/iam/v1/groups/:groupName/users/:userName"), p.authz(), iam.addUserToGroup());
    op(router.delete("/iam/v1/groups/:groupName/users/:userName"), p.authz(), iam.removeUserFromGroup());
    op(router.get("/iam/v1/groups/:groupName/policies"), p.authz(), iam.listGroupPolicies());
    op(router.put("/iam/v1/groups/:groupName/policies/:policyName"), p.authz(), iam.putGroupPolicy());
    op(router.get("/iam/v1/groups/:groupName/policies/:policyName"), p.authz(), iam.getGroupPolicy());
    op(router.delete("/iam/v1/groups/:groupName/policies/:policyName"), p.authz(), iam.deleteGroupPolicy());
    op(router.post("/iam/v1/groups/:groupName/attached-policies"), p.authz(), iam.attachGroupPolicy());
    op(router.get("/iam/v1/groups/:groupName/attached-policies"), p.authz(), iam.listAttachedGroupPolicies());
    op(router.delete("/iam/v1/groups/:groupName/attached-policies"), p.authz(), iam.detachGroupPolicy());
    op(router.post("/iam/v1/policies"), p.authz(), iam.createPolicy());
    op(router.get("/iam/v1/policies"), p.authz(), iam.listPolicies());
    op(router.delete("/iam/v1/policies/:policyName"), p.authz(), iam.deletePolicy());
    op(router.post("/iam/v1/simulate"), p.authz(), iam.simulate());

    // Compute (controlplane.compute): one line per operation.
    ComputeHandlers c = p.compute();
    op(router.post("/compute/v1/instances"), p.authz(), c.runInstances());
    op(router.get("/compute/v1/instances"), p.authz(), c.describeInstances());
    op(router.get("/compute/v1/instances/:id"), p.authz(), c.describeInstance());
    op(router.post("/compute/v1/instances/:id/stop"), p.authz(), c.stopInstance());
    op(router.post("/compute/v1/instances/:id/start"), p.authz(), c.startInstance());
    op(router.post("/compute/v1/instances/:id/reboot"), p.authz(), c.rebootInstance());
    op(router.delete("/compute/v1/instances/:id"), p.authz(), c.terminateInstance());
    op(router.get("/compute/v1/instances/:id/console"), p.authz(), c.consoleOutput());
    op(router.post("/compute/v1/instances/:id/exec"), p.authz(), c.exec());
    op(router.get("/compute/v1/images"), p.authz(), c.describeImages());
    op(router.post("/compute/v1/images/import"), p.authz(), c.importImage());
    op(router.delete("/compute/v1/images/:id"), p.authz(), c.deregisterImage());
    op(router.get("/compute/v1/instance-types"), p.authz(), c.describeInstanceTypes());

    // Billing and audit.
    op(router.get("/billing/v1/usage"), p.authz(), JsonOperation.of("billing:GetUsage", p.usage()));
    op(router.get("/billing/v1/invoices/:month"), p.authz(), JsonOperation.of("billing:GetInvoice", p.invoice()));
    op(router.get("/billing/v1/prices"), p.authz(), JsonOperation.of("billing:GetPriceList", p.prices()));
    op(router.put("/billing/v1/budget"), p.authz(), JsonOperation.of("billing:PutBudget", p.putBudget()));
    op(router.get("/billing/v1/budget"), p.authz(), JsonOperation.of("billing:GetBudget", p.getBudget()));
    op(router.delete("/billing/v1/budget"), p.authz(), JsonOperation.of("billing:DeleteBudget", p.deleteBudget()));
    op(router.get("/audit/v1/events"), p.authz(), JsonOperation.of("audit:ListEvents", p.auditEvents()));
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

  /** A JSON operation behind the one authorization step. */
  private static void op(Route route, Authorizer authz, JsonOperation operation) {
    route.handler(authz.guard(operation)).handler(operation);
  }

  private static void notFound(RoutingContext ctx) {
    throw new ApiException(ApiErrorCode.NOT_FOUND,
        "No such resource: " + ctx.request().method() + " " + ctx.request().path());
  }
}
