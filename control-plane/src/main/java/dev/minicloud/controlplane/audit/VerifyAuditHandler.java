package dev.minicloud.controlplane.audit;

import dev.minicloud.common.json.Json;
import dev.minicloud.controlplane.http.RequestContext;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;

/**
 * {@code POST /audit/v1/verify} (platform root only, checked by the router): seals any complete hour not sealed yet, then
 * recomputes every sealed hour's digest and the chain. {@code {"intact":true,...}} or the problems
 * found (an edited, inserted or deleted record; a removed hour). Always 200: the answer is the report.
 */
public final class VerifyAuditHandler implements Handler<RoutingContext> {

  private final AuditLog log;
  private final Vertx vertx;
  private final Clock clock;

  public VerifyAuditHandler(AuditLog log, Vertx vertx, Clock clock) {
    this.log = log;
    this.vertx = vertx;
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    RequestContext.of(ctx).action("audit:Verify");
    vertx.executeBlocking(() -> {
      log.sealClosedHours(clock.instant());
      return log.verify();
    }, false)
        .onSuccess(report -> ctx.response().putHeader("content-type", "application/json").end(Json.toString(report)))
        .onFailure(ctx::fail);
  }

}
