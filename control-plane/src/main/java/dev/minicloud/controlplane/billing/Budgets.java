package dev.minicloud.controlplane.billing;

import dev.minicloud.controlplane.metadata.JsonRecords;
import dev.minicloud.controlplane.metadata.Table;
import dev.minicloud.controlplane.metering.UsageStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Monthly budgets: an account sets a limit in the price list's currency; its status compares the
 * current month's invoice total with it and raises flags at 80 % and 100 %. Budgets are advisory:
 * nothing is blocked when one is exceeded (enforcement is left to the operator). Stored under
 * {@code b/<accountId>} in USAGE.
 */
public final class Budgets {

  /** A budget as stored. */
  public record Budget(String accountId, BigDecimal monthlyLimit, Instant updatedAt) {}

  /**
   * Where an account stands this month.
   *
   * @param state {@code ok}, {@code warning} (at or above 80 %) or {@code exceeded} (at or above 100 %)
   */
  public record Status(String accountId, String month, String currency, BigDecimal monthlyLimit, BigDecimal spent,
      BigDecimal percentUsed, boolean reached80Percent, boolean reached100Percent, String state, boolean enforced) {}

  static final BigDecimal WARNING = new BigDecimal("80");
  static final BigDecimal LIMIT = new BigDecimal("100");

  private final JsonRecords records;
  private final Invoices invoices;
  private final Clock clock;

  public Budgets(UsageStore usage, Invoices invoices, Clock clock) {
    this.records = new JsonRecords(usage.metadata());
    this.invoices = invoices;
    this.clock = clock;
  }

  public Budget set(String accountId, BigDecimal monthlyLimit) {
    if (monthlyLimit.signum() <= 0) {
      throw new IllegalArgumentException("monthlyLimit must be positive");
    }
    Budget budget = new Budget(accountId, monthlyLimit, clock.instant());
    records.put(Table.USAGE, key(accountId), budget);
    return budget;
  }

  public void remove(String accountId) {
    records.delete(Table.USAGE, key(accountId));
  }

  public Optional<Budget> get(String accountId) {
    return records.get(Table.USAGE, key(accountId), Budget.class);
  }

  /** This month's status, if the account has a budget. */
  public Optional<Status> status(String accountId) {
    return get(accountId).map(budget -> {
      YearMonth month = YearMonth.from(clock.instant().atZone(ZoneOffset.UTC));
      Invoice invoice = invoices.invoice(accountId, month);
      return status(budget, invoice);
    });
  }

  static Status status(Budget budget, Invoice invoice) {
    BigDecimal spent = invoice.total();
    BigDecimal percent = spent.multiply(LIMIT).divide(budget.monthlyLimit(), 2, RoundingMode.HALF_EVEN);
    boolean at80 = spent.multiply(LIMIT).compareTo(budget.monthlyLimit().multiply(WARNING)) >= 0;
    boolean at100 = spent.compareTo(budget.monthlyLimit()) >= 0;
    return new Status(budget.accountId(), invoice.month(), invoice.currency(), budget.monthlyLimit(), spent, percent,
        at80, at100, at100 ? "exceeded" : at80 ? "warning" : "ok", false);
  }

  private static String key(String accountId) {
    return "b/" + accountId;
  }
}
