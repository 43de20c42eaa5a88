package dev.minicloud.controlplane.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.testing.MutableClock;
import dev.minicloud.controlplane.metadata.InMemoryMetadataStore;
import dev.minicloud.controlplane.metadata.WriteBatch;
import dev.minicloud.controlplane.metering.Meters;
import dev.minicloud.controlplane.metering.UsageEvent;
import dev.minicloud.controlplane.metering.UsageStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InvoicesTest {

  static final String ACCOUNT = "111111111111";
  static final Instant IN_DECEMBER = Instant.parse("2026-12-05T10:00:00Z");

  final InMemoryMetadataStore metadata = new InMemoryMetadataStore();
  final UsageStore usage = new UsageStore(metadata);
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-20T00:00:00Z"));

  static PriceList prices(String tier1Rate) {
    return new PriceList("test-1", "USD", Map.of(
        Meters.REQUESTS_TIER1, new PriceList.Price(new BigDecimal(tier1Rate), new BigDecimal("1000"), "1,000 requests"),
        Meters.STORAGE_BYTE_HOURS, new PriceList.Price(new BigDecimal("0.023"), new BigDecimal("730000000000"), "GB-month"),
        "compute.instance-seconds.*", new PriceList.Price(new BigDecimal("0.0336"), new BigDecimal("3600"), "instance-hour")));
  }

  @Test
  void linesAreQuantityOverPerTimesRateAndTheTotalIsTheirExactSum() {
    usage.record(List.of(
        UsageEvent.of("a", ACCOUNT, Meters.REQUESTS_TIER1, IN_DECEMBER, 3),
        UsageEvent.of("b", ACCOUNT, Meters.REQUESTS_TIER1, IN_DECEMBER.plusSeconds(86_400), 4),
        new UsageEvent("c", ACCOUNT, Meters.STORAGE_BYTE_HOURS, IN_DECEMBER, new BigDecimal("1000000000.5")),
        UsageEvent.of("d", ACCOUNT, "compute.instance-seconds.tiny", IN_DECEMBER, 70),
        UsageEvent.of("e", ACCOUNT, Meters.TRANSFER_IN, IN_DECEMBER, 10),
        UsageEvent.of("other", "222222222222", Meters.REQUESTS_TIER1, IN_DECEMBER, 1000),
        UsageEvent.of("november", ACCOUNT, Meters.REQUESTS_TIER1, Instant.parse("2026-11-30T23:59:59Z"), 1000)),
        new WriteBatch());
    Invoice invoice = new Invoices(usage, prices("0.005"), clock).invoice(ACCOUNT, YearMonth.of(2026, 12));

    assertEquals(Invoice.OPEN, invoice.status());
    assertEquals("test-1", invoice.priceListVersion());
    assertEquals(4, invoice.lines().size());
    Invoice.Line requests = line(invoice, Meters.REQUESTS_TIER1);
    assertEquals(BigDecimal.valueOf(7), requests.quantity());
    assertEquals(new BigDecimal("0.0000350000"), requests.cost()); // 7 / 1000 x 0.005
    // 1000000000.5 / 730000000000 x 0.023 = 0.0000315068... (rounded half-even to 10 places)
    assertEquals(new BigDecimal("0.0000315068"), line(invoice, Meters.STORAGE_BYTE_HOURS).cost());
    assertEquals(new BigDecimal("0.0006533333"), line(invoice, "compute.instance-seconds.tiny").cost()); // wildcard
    assertEquals(0, line(invoice, Meters.TRANSFER_IN).cost().signum(), "unpriced meters cost nothing");
    BigDecimal sum = invoice.lines().stream().map(Invoice.Line::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertEquals(sum, invoice.total());
    assertEquals(new BigDecimal("0.00"), invoice.amountDue());
  }

  @Test
  void aClosedMonthsInvoiceNeverChanges() {
    usage.record(List.of(UsageEvent.of("a", ACCOUNT, Meters.REQUESTS_TIER1, IN_DECEMBER, 2000)), new WriteBatch());
    clock.set(Instant.parse("2027-01-01T01:00:00Z")); // the month plus its grace is over
    Invoice first = new Invoices(usage, prices("0.005"), clock).invoice(ACCOUNT, YearMonth.of(2026, 12));
    assertEquals(Invoice.CLOSED, first.status());
    assertEquals(new BigDecimal("0.0100000000"), first.total());

    // late usage and a new price list afterwards change nothing
    usage.record(List.of(UsageEvent.of("late", ACCOUNT, Meters.REQUESTS_TIER1, IN_DECEMBER, 5000)), new WriteBatch());
    clock.set(Instant.parse("2027-03-01T00:00:00Z"));
    Invoice later = new Invoices(usage, prices("1.0"), clock).invoice(ACCOUNT, YearMonth.of(2026, 12));
    assertEquals(first, later);
  }

  @Test
  void theBuiltInPriceListLoadsWithExactRates() {
    PriceList list = PriceList.defaults();
    assertTrue(list.version().length() > 0);
    assertEquals(new BigDecimal("0.023"), list.priceOf(Meters.STORAGE_BYTE_HOURS).orElseThrow().rate());
    assertEquals(new BigDecimal("1000"), list.priceOf(Meters.REQUESTS_TIER1).orElseThrow().per());
    assertTrue(list.priceOf("compute.instance-seconds.xlarge-custom").isPresent(), "wildcard for unknown types");
  }

  @Test
  void usageRollsUpByDayAndMonth() {
    usage.record(List.of(
        UsageEvent.of("a", ACCOUNT, Meters.REQUESTS_TIER1, IN_DECEMBER, 3),
        UsageEvent.of("b", ACCOUNT, Meters.REQUESTS_TIER1, IN_DECEMBER.plusSeconds(3600), 4),
        UsageEvent.of("c", ACCOUNT, Meters.REQUESTS_TIER1, IN_DECEMBER.plusSeconds(86_400), 5),
        UsageEvent.of("d", ACCOUNT, Meters.STORAGE_OBJECTS, IN_DECEMBER, 8),
        UsageEvent.of("e", ACCOUNT, Meters.STORAGE_OBJECTS, IN_DECEMBER.plusSeconds(3600), 6)), new WriteBatch());
    var hourly = usage.hourly(ACCOUNT, Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"), null);
    var days = Granularity.DAY.rollUp(hourly);
    assertEquals(3, days.size());
    assertEquals(BigDecimal.valueOf(7), days.stream().filter(d -> d.meter().equals(Meters.REQUESTS_TIER1)).findFirst()
        .orElseThrow().quantity());
    assertEquals(BigDecimal.valueOf(8), days.stream().filter(d -> d.meter().equals(Meters.STORAGE_OBJECTS)).findFirst()
        .orElseThrow().quantity(), "objects keep the maximum");
    var months = Granularity.MONTH.rollUp(hourly);
    assertEquals(2, months.size());
    assertEquals(Instant.parse("2026-12-01T00:00:00Z"), months.get(0).start());
    assertEquals(Instant.parse("2027-01-01T00:00:00Z"), months.get(0).end());
    assertTrue(GetUsageHandler.csv(months).startsWith("accountId,meter,unit,start,end,quantity\r\n111111111111,"));
  }

  private static Invoice.Line line(Invoice invoice, String meter) {
    return invoice.lines().stream().filter(l -> l.meter().equals(meter)).findFirst().orElseThrow();
  }
}
