package dev.minicloud.controlplane.audit;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.json.Json;
import dev.minicloud.controlplane.billing.CallerScope;
import dev.minicloud.controlplane.http.RequestContext;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /audit/v1/events?from=&to=&action=&principal=&accountId=&limit=&nextToken=}: audit
 * records oldest first, a page at a time ({@code limit} 1..1000, default 100). {@code principal}
 * matches a user name or an access key id. Callers see their own account; the platform root sees
 * all or names one. {@code from} defaults to 24 hours ago, {@code to} to now (plus a second).
 */
public final class ListAuditEventsHandler implements Handler<RoutingContext> {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final AuditLog log;
  private final Vertx vertx;
  private final Clock clock;

  public ListAuditEventsHandler(AuditLog log, Vertx vertx, Clock clock) {
    this.log = log;
    this.vertx = vertx;
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    RequestContext rc = RequestContext.of(ctx);
    rc.action("audit:ListEvents");
    var q = ctx.queryParams();
    Instant now = clock.instant();
    Instant from = CallerScope.time("from", q.get("from"), now.minus(1, ChronoUnit.DAYS));
    Instant to = CallerScope.time("to", q.get("to"), now.plusSeconds(1));
    int limit = DEFAULT_LIMIT;
    if (q.get("limit") != null) {
      try {
        limit = Integer.parseInt(q.get("limit"));
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_LIMIT) {
        throw new ApiException(ApiErrorCode.VALIDATION_ERROR, "limit must be 1.." + MAX_LIMIT);
      }
    }
    String account = CallerScope.account(rc.principal(), q.get("accountId"));
    int pageSize = limit;
    vertx.executeBlocking(() -> log.query(from, to, account, q.get("action"), q.get("principal"), pageSize,
            q.get("nextToken")), false)
        .onSuccess(page -> {
          Map<String, Object> body = new LinkedHashMap<>();
          body.put("events", page.events());
          if (page.nextToken() != null) {
            body.put("nextToken", page.nextToken());
          }
          ctx.response().putHeader("content-type", "application/json").end(Json.toString(body));
        })
        .onFailure(ctx::fail);
  }
}
