package dev.minicloud.controlplane.billing;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.http.RequestContext;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /billing/v1/invoices/{yyyy-mm}?accountId=}: the month's invoice for the caller's
 * account (the platform root may name any account).
 */
public final class GetInvoiceHandler implements Handler<RoutingContext> {

  private final Invoices invoices;
  private final Vertx vertx;

  public GetInvoiceHandler(Invoices invoices, Vertx vertx) {
    this.invoices = invoices;
    this.vertx = vertx;
  }

  @Override
  public void handle(RoutingContext ctx) {
    RequestContext rc = RequestContext.of(ctx);
    rc.action("billing:GetInvoice");
    YearMonth month;
    try {
      month = YearMonth.parse(ctx.pathParam("month"));
    } catch (DateTimeParseException e) {
      throw new ApiException(ApiErrorCode.VALIDATION_ERROR, "the month must be yyyy-mm");
    }
    String requested = CallerScope.account(rc.principal(), ctx.queryParams().get("accountId"));
    String account = requested == null ? rc.principal().accountId() : requested;
    vertx.executeBlocking(() -> invoices.invoice(account, month), false)
        .onSuccess(invoice -> ctx.response().putHeader("content-type", "application/json").end(BillingJson.write(invoice)))
        .onFailure(ctx::fail);
  }
}
