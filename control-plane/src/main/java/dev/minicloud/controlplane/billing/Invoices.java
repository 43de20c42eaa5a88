package dev.minicloud.controlplane.billing;

import dev.minicloud.controlplane.metadata.JsonRecords;
import dev.minicloud.controlplane.metadata.Table;
import dev.minicloud.controlplane.metering.HourlyUsage;
import dev.minicloud.controlplane.metering.Meters;
import dev.minicloud.controlplane.metering.UsageStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Prices a month's usage. A month is closed once it has been over for {@link #CLOSE_GRACE} (late
 * usage, e.g. the storage sample that ends the month, has arrived); its invoice is then computed
 * once, stored ({@code i/<accountId>/<yyyy-mm>} in USAGE) and returned unchanged from then on, even
 * if the price list or late data change.
 */
public final class Invoices {

  /** Decimals kept in a line's cost (exact arithmetic, half-even rounding once per line). */
  public static final int COST_SCALE = 10;
  /** How long after a month ends its invoice is frozen. */
  public static final Duration CLOSE_GRACE = Duration.ofHours(1);

  private final UsageStore usage;
  private final JsonRecords records;
  private final PriceList prices;
  private final Clock clock;

  public Invoices(UsageStore usage, PriceList prices, Clock clock) {
    this.usage = usage;
    this.records = new JsonRecords(usage.metadata());
    this.prices = prices;
    this.clock = clock;
  }

  public PriceList priceList() {
    return prices;
  }

  /** The invoice of {@code accountId} for {@code month}: the frozen one if closed, else computed now. */
  public synchronized Invoice invoice(String accountId, YearMonth month) {
    String key = "i/" + accountId + "/" + month;
    Optional<Invoice> frozen = records.get(Table.USAGE, key, Invoice.class);
    if (frozen.isPresent()) {
      return frozen.get();
    }
    Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant now = clock.instant();
    boolean closed = !now.isBefore(end.plus(CLOSE_GRACE));
    Invoice invoice = price(accountId, month.toString(), usage.hourly(accountId, start, end, null),
        closed ? Invoice.CLOSED : Invoice.OPEN, now);
    if (closed) {
      records.put(Table.USAGE, key, invoice);
    }
    return invoice;
  }

  /** Prices hourly usage: one line per meter, total = exact sum of line costs. */
  Invoice price(String accountId, String month, List<HourlyUsage> hourly, String status, Instant now) {
    Map<String, BigDecimal> quantities = new TreeMap<>();
    for (HourlyUsage h : hourly) {
      quantities.merge(h.meter(), h.quantity(), (a, b) -> Granularity.combine(h.meter(), a, b));
    }
    List<Invoice.Line> lines = new ArrayList<>();
    BigDecimal total = BigDecimal.ZERO;
    for (Map.Entry<String, BigDecimal> q : quantities.entrySet()) {
      PriceList.Price price = prices.priceOf(q.getKey())
          .orElse(new PriceList.Price(BigDecimal.ZERO, BigDecimal.ONE, "unpriced"));
      BigDecimal cost = cost(q.getValue(), price);
      lines.add(new Invoice.Line(q.getKey(), q.getValue(), Meters.unit(q.getKey()), price.rate(), price.per(),
          price.priceUnit(), cost));
      total = total.add(cost);
    }
    return new Invoice(accountId, month, status, prices.version(), prices.currency(), lines, total,
        total.setScale(2, RoundingMode.HALF_EVEN), now);
  }

  /** {@code quantity / per x rate}, rounded half-even to {@link #COST_SCALE} decimals. */
  public static BigDecimal cost(BigDecimal quantity, PriceList.Price price) {
    return quantity.multiply(price.rate()).divide(price.per(), COST_SCALE, RoundingMode.HALF_EVEN);
  }
}
