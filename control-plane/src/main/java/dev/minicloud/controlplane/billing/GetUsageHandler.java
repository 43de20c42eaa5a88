package dev.minicloud.controlplane.billing;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.http.RequestContext;
import dev.minicloud.controlplane.metering.HourlyUsage;
import dev.minicloud.controlplane.metering.Meters;
import dev.minicloud.controlplane.metering.UsageStore;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /billing/v1/usage?from=&to=&granularity=hour|day|month&meter=&accountId=&format=csv}:
 * usage per account, meter and period, as JSON {@code {"usage":[...]}} or CSV ({@code Accept:
 * text/csv} or {@code format=csv}). {@code from} defaults to the start of the current month, {@code to}
 * to the end of the current hour.
 */
public final class GetUsageHandler implements Handler<RoutingContext> {

  /** One row of the answer. */
  public record Row(String accountId, String meter, String unit, Instant start, Instant end,
      java.math.BigDecimal quantity) {}

  private final UsageStore usage;
  private final Vertx vertx;
  private final Clock clock;

  public GetUsageHandler(UsageStore usage, Vertx vertx, Clock clock) {
    this.usage = usage;
    this.vertx = vertx;
    this.clock = clock;
  }

  @Override
  public void handle(RoutingContext ctx) {
    RequestContext rc = RequestContext.of(ctx);
    rc.action("billing:GetUsage");
    Instant now = clock.instant();
    Instant from = CallerScope.time("from", ctx.queryParams().get("from"), Granularity.MONTH.periodStart(now));
    Instant to = CallerScope.time("to", ctx.queryParams().get("to"), now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS));
    if (!from.isBefore(to)) {
      throw new ApiException(ApiErrorCode.VALIDATION_ERROR, "from must be before to");
    }
    String g = ctx.queryParams().get("granularity");
    Granularity granularity = g == null ? Granularity.HOUR : Granularity.parse(g).orElseThrow(() ->
        new ApiException(ApiErrorCode.VALIDATION_ERROR, "granularity must be hour, day or month"));
    String meter = ctx.queryParams().get("meter");
    if (meter != null && !Meters.isKnown(meter)) {
      throw new ApiException(ApiErrorCode.VALIDATION_ERROR, "unknown meter: " + meter);
    }
    String account = CallerScope.account(rc.principal(), ctx.queryParams().get("accountId"));
    String accept = ctx.request().getHeader("accept");
    boolean csv = "csv".equalsIgnoreCase(ctx.queryParams().get("format"))
        || (accept != null && accept.toLowerCase(java.util.Locale.ROOT).contains("text/csv"));
    vertx.executeBlocking(() -> granularity.rollUp(usage.hourly(account, from, to, meter)), false)
        .onSuccess(rows -> {
          if (csv) {
            ctx.response().putHeader("content-type", "text/csv; charset=utf-8").end(csv(rows));
          } else {
            List<Row> out = rows.stream().map(GetUsageHandler::row).toList();
            ctx.response().putHeader("content-type", "application/json").end(BillingJson.write(Map.of("usage", out)));
          }
        })
        .onFailure(ctx::fail);
  }

  private static Row row(HourlyUsage h) {
    return new Row(h.accountId(), h.meter(), Meters.unit(h.meter()), h.start(), h.end(), h.quantity());
  }

  static String csv(List<HourlyUsage> rows) {
    StringBuilder out = new StringBuilder("accountId,meter,unit,start,end,quantity\r\n");
    for (HourlyUsage h : rows) {
      out.append(h.accountId()).append(',').append(h.meter()).append(',').append(Meters.unit(h.meter())).append(',')
          .append(h.start()).append(',').append(h.end()).append(',').append(h.quantity().toPlainString()).append("\r\n");
    }
    return out.toString();
  }
}
