package dev.minicloud.controlplane.billing;

import dev.minicloud.controlplane.http.RequestContext;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /billing/v1/prices}: the price list in force. */
public final class GetPriceListHandler implements Handler<RoutingContext> {

  private final PriceList prices;

  public GetPriceListHandler(PriceList prices) {
    this.prices = prices;
  }

  @Override
  public void handle(RoutingContext ctx) {
    RequestContext.of(ctx).action("billing:GetPriceList");
    ctx.response().putHeader("content-type", "application/json").end(BillingJson.write(prices));
  }
}
