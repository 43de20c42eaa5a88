package dev.minicloud.storagenode.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /health/live}: the process answers HTTP. Unauthenticated; reveals nothing. */
public final class LiveHandler implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext ctx) {
    ctx.json(new JsonObject().put("status", "up"));
  }
}
