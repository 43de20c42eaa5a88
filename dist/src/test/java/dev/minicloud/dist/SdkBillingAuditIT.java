package dev.minicloud.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.testing.Poll;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.MiniCloudException;
import dev.minicloud.sdk.audit.AuditEvent;
import dev.minicloud.sdk.audit.AuditQuery;
import dev.minicloud.sdk.audit.AuditVerification;
import dev.minicloud.sdk.billing.BudgetStatus;
import dev.minicloud.sdk.billing.Invoice;
import dev.minicloud.sdk.billing.PriceList;
import dev.minicloud.sdk.billing.UsageQuery;
import dev.minicloud.sdk.billing.UsageRecord;
import dev.minicloud.sdk.iam.NewAccessKey;
import dev.minicloud.sdk.iam.NewAccount;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SDK's billing and audit clients against the real platform on loopback. */
class SdkBillingAuditIT {

  private static final Duration DEADLINE = Duration.ofSeconds(15);

  @TempDir
  static Path data;

  static InProcessPlatform platform;
  static MiniCloudClient root;

  @BeforeAll
  static void start() throws Exception {
    platform = new InProcessPlatform(data);
    root = client(platform.root.accessKeyId(), platform.root.secretKey());
  }

  @AfterAll
  static void stop() {
    root.close();
    platform.close();
  }

  static MiniCloudClient client(String accessKeyId, String secret) {
    return MiniCloudClient.builder().endpoint(platform.endpoint()).credentials(accessKeyId, secret)
        .profileFile(data.resolve("no-such-config")).build();
  }

  @Test
  void anAccountSeesItsUsageInvoiceAndBudget() {
    NewAccount team = root.iam().createAccount("billing-team");
    String account = team.account().accountId();
    try (MiniCloudClient tenant = client(team.rootAccessKeyId(), team.rootSecretAccessKey())) {
      tenant.storage().createBucket("billed");
      tenant.storage().putObject("billed", "a.txt", "12345".getBytes(StandardCharsets.UTF_8));
      tenant.storage().putObject("billed", "b.txt", "67890".getBytes(StandardCharsets.UTF_8));
      tenant.storage().getObjectBytes("billed", "a.txt");

      // CreateBucket + 2 PUTs are tier 1.
      Poll.until(DEADLINE, "tier-1 requests metered", () -> total(tenant.billing().usage(
          new UsageQuery().meter("requests.tier1").granularity("month"))).compareTo(new BigDecimal(3)) >= 0);
      List<UsageRecord> monthly = tenant.billing().usage(new UsageQuery().granularity("month"));
      assertTrue(monthly.stream().allMatch(u -> account.equals(u.accountId())), "a tenant sees its own account only");
      assertTrue(monthly.stream().anyMatch(u -> u.meter().equals("transfer.in.bytes")
          && u.quantity().compareTo(new BigDecimal(10)) >= 0), monthly.toString());
      UsageRecord row = monthly.get(0);
      assertTrue(row.start().isBefore(row.end()), row.toString());
      String csv = tenant.billing().usageCsv(new UsageQuery().granularity("day").meter("requests.tier1"));
      assertTrue(csv.startsWith("accountId,meter,unit,start,end,quantity"), csv);
      assertTrue(csv.contains(account + ",requests.tier1,requests,"), csv);
      assertTrue(tenant.billing().usage(new UsageQuery().from(Instant.now().minus(Duration.ofDays(80)))
          .to(Instant.now().minus(Duration.ofDays(79)))).isEmpty(), "nothing before the account existed");
      assertEquals("ValidationError", assertThrows(MiniCloudException.class,
          () -> tenant.billing().usage(new UsageQuery().granularity("weekly"))).code());

      // The platform root sees the tenant's usage by naming it; the tenant cannot name another account.
      assertTrue(total(root.billing().usage(new UsageQuery().accountId(account).meter("requests.tier1")))
          .compareTo(new BigDecimal(3)) >= 0);
      assertEquals("AccessDenied", assertThrows(MiniCloudException.class,
          () -> tenant.billing().usage(new UsageQuery().accountId("000000000000"))).code());

      YearMonth month = YearMonth.now(Clock.systemUTC());
      Invoice invoice = tenant.billing().invoice(month);
      assertEquals(account, invoice.accountId());
      assertEquals(month.toString(), invoice.month());
      assertEquals("open", invoice.status());
      assertTrue(invoice.lines().stream().anyMatch(l -> l.meter().equals("requests.tier1")), invoice.toString());
      assertEquals(0, invoice.lines().stream().map(Invoice.Line::cost).reduce(BigDecimal.ZERO, BigDecimal::add)
          .compareTo(invoice.total()), "the total is the sum of the lines");
      assertEquals(account, root.billing().invoice(month, account).accountId());
      PriceList prices = tenant.billing().prices();
      assertEquals(invoice.priceListVersion(), prices.version());
      assertTrue(prices.prices().containsKey("requests.tier1"), prices.toString());

      assertEquals(Optional.empty(), tenant.billing().budget());
      assertEquals(0, new BigDecimal("25.00").compareTo(tenant.billing().putBudget(new BigDecimal("25.00")).monthlyLimit()));
      BudgetStatus status = tenant.billing().budget().orElseThrow();
      assertEquals("ok", status.state());
      assertEquals(month.toString(), status.month());
      assertFalse(status.enforced());
      assertEquals(0, new BigDecimal("25.00").compareTo(status.monthlyLimit()));
      assertTrue(root.billing().budget(account).isPresent(), "the root reads the tenant's budget");
      tenant.billing().deleteBudget();
      assertEquals(Optional.empty(), tenant.billing().budget());
    }
  }

  @Test
  void auditEventsPageAndRecordDenials() {
    root.storage().createBucket("audited");
    for (int i = 0; i < 3; i++) {
      root.storage().putObject("audited", "k" + i, new byte[] {(byte) i});
    }
    root.iam().createUser("audit-eve");
    NewAccessKey key = root.iam().createAccessKey("audit-eve");
    try (MiniCloudClient eve = client(key.accessKeyId(), key.secretAccessKey())) {
      assertEquals("AccessDenied", assertThrows(MiniCloudException.class,
          () -> eve.storage().putObject("audited", "nope", new byte[] {1})).code());
    }

    Poll.until(DEADLINE, "three PutObject events",
        () -> root.audit().events(new AuditQuery().action("s3:PutObject").principal("root")).count() >= 3);
    List<AuditEvent> puts = root.audit().events(new AuditQuery().action("s3:PutObject").principal("root").pageSize(1))
        .toList();
    assertTrue(puts.size() >= 3, "one page per event, all pages followed: " + puts);
    assertTrue(puts.stream().anyMatch(e -> "arn:minicloud:s3:::audited/k2".equals(e.resource())
        && "success".equals(e.outcome()) && e.httpStatus() == 200), puts.toString());
    for (int i = 1; i < puts.size(); i++) {
      assertFalse(puts.get(i).eventTime().isBefore(puts.get(i - 1).eventTime()), "oldest first");
    }

    Poll.until(DEADLINE, "eve's denied PutObject", () -> root.audit().events(new AuditQuery().principal("audit-eve"))
        .anyMatch(e -> "denied".equals(e.outcome()) && "AccessDenied".equals(e.errorCode())));
    AuditEvent denied = root.audit().events(new AuditQuery().principal(key.accessKeyId()))
        .filter(e -> "s3:PutObject".equals(e.action())).findFirst().orElseThrow();
    assertEquals(403, denied.httpStatus());
    assertEquals("audit-eve", denied.userName());
    assertEquals("127.0.0.1", denied.sourceIp());
    assertTrue(root.audit().events(new AuditQuery().to(Instant.now().minus(Duration.ofDays(2)))).findAny().isEmpty());

    AuditVerification verification = root.audit().verify();
    assertTrue(verification.intact(), verification.toString());
    assertTrue(verification.problems().isEmpty());
  }

  private static BigDecimal total(List<UsageRecord> rows) {
    return rows.stream().map(UsageRecord::quantity).reduce(BigDecimal.ZERO, BigDecimal::add);
  }
}
