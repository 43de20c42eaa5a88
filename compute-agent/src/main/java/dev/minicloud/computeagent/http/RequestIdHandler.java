package dev.minicloud.computeagent.http;

import dev.minicloud.common.id.Ids;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** First handler of every request: gives it a request id, returned in {@value #HEADER}. */
public final class RequestIdHandler implements Handler<RoutingContext> {

  /** Response header carrying the request id (also in JSON error bodies). */
  public static final String HEADER = "x-minicloud-request-id";

  private static final String KEY = "minicloud.requestId";

  private final Ids ids;

  public RequestIdHandler(Ids ids) {
    this.ids = ids;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String requestId = ids.requestId();
    ctx.put(KEY, requestId);
    ctx.response().putHeader(HEADER, requestId);
    ctx.next();
  }

  /** The request id given by this handler, or "-" for a request it did not see. */
  public static String requestId(RoutingContext ctx) {
    return ctx.get(KEY, "-");
  }
}
