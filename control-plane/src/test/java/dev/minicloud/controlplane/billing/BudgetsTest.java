package dev.minicloud.controlplane.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.testing.MutableClock;
import dev.minicloud.controlplane.metadata.InMemoryMetadataStore;
import dev.minicloud.controlplane.metadata.WriteBatch;
import dev.minicloud.controlplane.metering.Meters;
import dev.minicloud.controlplane.metering.UsageEvent;
import dev.minicloud.controlplane.metering.UsageStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BudgetsTest {

  static final String ACCOUNT = "111111111111";

  @Test
  void flagsAt80And100Percent() {
    UsageStore usage = new UsageStore(new InMemoryMetadataStore());
    MutableClock clock = new MutableClock(Instant.parse("2026-12-10T00:00:00Z"));
    Budgets budgets = new Budgets(usage, new Invoices(usage, InvoicesTest.prices("1"), clock), clock);
    assertTrue(budgets.status(ACCOUNT).isEmpty(), "no budget set");
    budgets.set(ACCOUNT, new BigDecimal("10"));

    // 1 per 1,000 tier-1 requests: 7,900 requests cost 7.90 (79 %)
    usage.record(List.of(UsageEvent.of("a", ACCOUNT, Meters.REQUESTS_TIER1, clock.instant(), 7_900)), new WriteBatch());
    Budgets.Status below = budgets.status(ACCOUNT).orElseThrow();
    assertEquals("ok", below.state());
    assertFalse(below.reached80Percent());
    assertEquals(new BigDecimal("79.00"), below.percentUsed());

    usage.record(List.of(UsageEvent.of("b", ACCOUNT, Meters.REQUESTS_TIER1, clock.instant(), 100)), new WriteBatch());
    Budgets.Status warning = budgets.status(ACCOUNT).orElseThrow();
    assertEquals("warning", warning.state());
    assertTrue(warning.reached80Percent());
    assertFalse(warning.reached100Percent());

    usage.record(List.of(UsageEvent.of("c", ACCOUNT, Meters.REQUESTS_TIER1, clock.instant(), 2_000)), new WriteBatch());
    Budgets.Status exceeded = budgets.status(ACCOUNT).orElseThrow();
    assertEquals("exceeded", exceeded.state());
    assertTrue(exceeded.reached100Percent());
    assertEquals(0, new BigDecimal("10").compareTo(exceeded.spent()));
    assertFalse(exceeded.enforced(), "budgets are advisory");

    budgets.remove(ACCOUNT);
    assertTrue(budgets.status(ACCOUNT).isEmpty());
  }
}
