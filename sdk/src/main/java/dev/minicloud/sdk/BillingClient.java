package dev.minicloud.sdk;

import dev.minicloud.sdk.billing.Budget;
import dev.minicloud.sdk.billing.BudgetStatus;
import dev.minicloud.sdk.billing.Invoice;
import dev.minicloud.sdk.billing.PriceList;
import dev.minicloud.sdk.billing.UsageQuery;
import dev.minicloud.sdk.billing.UsageRecord;
import dev.minicloud.sdk.internal.Call;
import dev.minicloud.sdk.internal.HttpExecutor;
import dev.minicloud.sdk.internal.JsonCalls;
import dev.minicloud.sdk.internal.Query;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Usage, invoices, prices and budgets ({@code /billing/v1}). Callers see their own account; the
 * platform root sees every account, or names one with the {@code accountId} arguments. Obtain it
 * from {@link MiniCloudClient#billing()}; thread-safe.
 *
 * <pre>{@code
 * client.billing().usage(new UsageQuery().granularity("day"))
 *     .forEach(u -> System.out.println(u.meter() + " " + u.quantity() + " " + u.unit()));
 * Invoice december = client.billing().invoice(YearMonth.of(2026, 12));
 * }</pre>
 */
public final class BillingClient {

  private static final String SERVICE = "billing";
  private static final String BASE = "/billing/v1";

  private final JsonCalls json;
  private final HttpExecutor http;

  BillingClient(JsonCalls json, HttpExecutor http) {
    this.json = json;
    this.http = http;
  }

  private record UsageList(List<UsageRecord> usage) {}

  /** This month's usage of the caller's account, hour by hour, every meter. */
  public List<UsageRecord> usage() {
    return usage(new UsageQuery());
  }

  /** Usage per account, meter and period. */
  public List<UsageRecord> usage(UsageQuery query) {
    UsageList list = json.call("GET", SERVICE, BASE + "/usage", usageQuery(query).toString(), null, UsageList.class);
    return list == null || list.usage() == null ? List.of() : list.usage();
  }

  /** The same usage as CSV: {@code accountId,meter,unit,start,end,quantity}, then one row per line. */
  public String usageCsv(UsageQuery query) {
    Call call = Call.of("GET", SERVICE, BASE + "/usage", usageQuery(query).add("format", "csv").toString())
        .header("accept", "text/csv");
    return new String(http.sendForBytes(call).body(), StandardCharsets.UTF_8);
  }

  private static Query usageQuery(UsageQuery q) {
    return new Query().add("from", q.from()).add("to", q.to()).add("granularity", q.granularity())
        .add("meter", q.meter()).add("accountId", q.accountId());
  }

  /** The caller's invoice for {@code month} ({@code open} while the month runs, then frozen). */
  public Invoice invoice(YearMonth month) {
    return invoice(month, null);
  }

  /** An account's invoice for {@code month}; {@code accountId} null means the caller's. */
  public Invoice invoice(YearMonth month, String accountId) {
    return json.call("GET", SERVICE, BASE + "/invoices/" + month, new Query().add("accountId", accountId).toString(),
        null, Invoice.class);
  }

  /** The price list in force. */
  public PriceList prices() {
    return json.call("GET", SERVICE, BASE + "/prices", "", null, PriceList.class);
  }

  /** Sets the caller's monthly budget (advisory: nothing is blocked when it is exceeded). */
  public Budget putBudget(BigDecimal monthlyLimit) {
    return putBudget(monthlyLimit, null);
  }

  /** Sets an account's monthly budget; {@code accountId} null means the caller's. */
  public Budget putBudget(BigDecimal monthlyLimit, String accountId) {
    return json.call("PUT", SERVICE, BASE + "/budget", new Query().add("accountId", accountId).toString(),
        Map.of("monthlyLimit", monthlyLimit.toPlainString()), Budget.class);
  }

  /** Where the caller's month stands against its budget; empty when no budget is set. */
  public Optional<BudgetStatus> budget() {
    return budget(null);
  }

  /** Where an account's month stands against its budget; empty when none is set. */
  public Optional<BudgetStatus> budget(String accountId) {
    try {
      return Optional.ofNullable(json.call("GET", SERVICE, BASE + "/budget",
          new Query().add("accountId", accountId).toString(), null, BudgetStatus.class));
    } catch (MiniCloudException e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Removes the caller's budget (nothing happens when none is set). */
  public void deleteBudget() {
    deleteBudget(null);
  }

  /** Removes an account's budget; {@code accountId} null means the caller's. */
  public void deleteBudget(String accountId) {
    json.call("DELETE", SERVICE, BASE + "/budget", new Query().add("accountId", accountId).toString(), null,
        Void.class);
  }
}
