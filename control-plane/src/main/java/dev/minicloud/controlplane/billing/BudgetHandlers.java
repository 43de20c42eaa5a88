package dev.minicloud.controlplane.billing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.json.Json;
import dev.minicloud.controlplane.http.RequestContext;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;

/**
 * The monthly budget of the caller's account ({@code accountId=} lets the platform root act on
 * another account): {@code PUT /billing/v1/budget} with {@code {"monthlyLimit":"25.00"}},
 * {@code GET /billing/v1/budget} (limit, spent this month, percent, 80 %/100 % flags),
 * {@code DELETE /billing/v1/budget}. One small handler per operation.
 */
public final class BudgetHandlers {

  private BudgetHandlers() {}

  /** {@code PUT /billing/v1/budget}. */
  public static Handler<RoutingContext> put(Budgets budgets, Vertx vertx) {
    return ctx -> {
      String account = account(ctx, "billing:PutBudget");
      BigDecimal limit = parseLimit(ctx);
      vertx.executeBlocking(() -> budgets.set(account, limit), false)
          .onSuccess(budget -> json(ctx, 200, budget))
          .onFailure(ctx::fail);
    };
  }

  /** {@code GET /billing/v1/budget}: 404 NotFound when no budget is set. */
  public static Handler<RoutingContext> get(Budgets budgets, Vertx vertx) {
    return ctx -> {
      String account = account(ctx, "billing:GetBudget");
      vertx.executeBlocking(() -> budgets.status(account), false)
          .onSuccess(status -> {
            if (status.isEmpty()) {
              ctx.fail(new ApiException(ApiErrorCode.NOT_FOUND, "No budget is set for account " + account + "."));
            } else {
              json(ctx, 200, status.get());
            }
          })
          .onFailure(ctx::fail);
    };
  }

  /** {@code DELETE /billing/v1/budget}: 204 whether or not one was set. */
  public static Handler<RoutingContext> delete(Budgets budgets, Vertx vertx) {
    return ctx -> {
      String account = account(ctx, "billing:DeleteBudget");
      vertx.executeBlocking(() -> {
        budgets.remove(account);
        return null;
      }, false).onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
    };
  }

  private static String account(RoutingContext ctx, String action) {
    RequestContext rc = RequestContext.of(ctx);
    rc.action(action);
    String scoped = CallerScope.account(rc.principal(), ctx.queryParams().get("accountId"));
    return scoped == null ? rc.principal().accountId() : scoped;
  }

  private static BigDecimal parseLimit(RoutingContext ctx) {
    JsonNode body;
    try {
      body = Json.fromBytes(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes(), JsonNode.class);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ApiErrorCode.MALFORMED_JSON, e.getMessage());
    }
    JsonNode limit = body == null ? null : body.get("monthlyLimit");
    if (limit == null || !(limit.isTextual() || limit.isNumber())) {
      throw new ApiException(ApiErrorCode.VALIDATION_ERROR, "monthlyLimit (a decimal string, e.g. \"25.00\") is required");
    }
    try {
      BigDecimal value = new BigDecimal(limit.asText());
      if (value.signum() <= 0) {
        throw new NumberFormatException("not positive");
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ApiException(ApiErrorCode.VALIDATION_ERROR, "monthlyLimit must be a positive decimal");
    }
  }

  private static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json").end(BillingJson.write(body));
  }
}
