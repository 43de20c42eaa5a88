package dev.minicloud.computeagent.http;

import dev.minicloud.common.cluster.ClusterToken;
import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.id.Ids;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.Map;
import java.util.concurrent.Callable;

/** Every route of the compute agent's HTTP server, in one place, top to bottom. */
public final class ComputeAgentRouter {

  /** Prefix of the cluster-internal API; everything under it needs the cluster token. */
  public static final String INTERNAL_PREFIX = "/internal/v1/";

  private ComputeAgentRouter() {}

  /** Instance documents are small: the largest is a launch with 16 KiB of user data. */
  static final long MAX_BODY = 256 * 1024;

  public static Router create(Vertx vertx, ClusterToken token, Callable<Map<String, Object>> info,
      InstanceHandlers instances, ImportImageHandler importImage) {
    Router router = Router.router(vertx);
    router.route().handler(new RequestIdHandler(new Ids()));

    // Unauthenticated
    router.get("/health/live").handler(new LiveHandler());

    // Cluster-internal API, for the control plane only
    router.route(INTERNAL_PREFIX + "*").handler(new ClusterTokenHandler(token));
    router.get(INTERNAL_PREFIX + "info").handler(new InfoHandler(info));

    // Instances (dev.minicloud.computeagent.instance), one line per operation.
    String in = INTERNAL_PREFIX + "instances";
    router.route(in + "*").handler(BodyHandler.create(false).setBodyLimit(MAX_BODY));
    router.post(in).handler(instances::launch);
    router.get(in).handler(instances::list);
    router.get(in + "/:id").handler(instances::describe);
    router.post(in + "/:id/start").handler(instances::start);
    router.post(in + "/:id/stop").handler(instances::stop);
    router.post(in + "/:id/reboot").handler(instances::reboot);
    router.delete(in + "/:id").handler(instances::terminate);
    router.get(in + "/:id/console").handler(instances::console);
    router.post(in + "/:id/exec").handler(instances::exec);
    router.post(INTERNAL_PREFIX + "images").handler(importImage);

    router.route().last().handler(ctx ->
        JsonErrorHandler.write(ctx, ApiErrorCode.NOT_FOUND, ApiErrorCode.NOT_FOUND.defaultMessage()));
    router.route().failureHandler(new JsonErrorHandler());
    return router;
  }
}
