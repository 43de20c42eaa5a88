package dev.minicloud.storagenode.http;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * {@code GET /internal/v1/info}: node id, kind, endpoint, version and capacity. The information is
 * gathered on a worker thread (measuring capacity touches the file system).
 */
public final class InfoHandler implements Handler<RoutingContext> {

  private final Callable<Map<String, Object>> info;

  public InfoHandler(Callable<Map<String, Object>> info) {
    this.info = Objects.requireNonNull(info, "info");
  }

  @Override
  public void handle(RoutingContext ctx) {
    ctx.vertx().executeBlocking(info, false)
        .onSuccess(map -> ctx.json(new JsonObject(map)))
        .onFailure(ctx::fail);
  }
}
