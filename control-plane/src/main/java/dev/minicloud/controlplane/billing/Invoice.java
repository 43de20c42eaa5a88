package dev.minicloud.controlplane.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An account's invoice for one calendar month (UTC).
 *
 * @param accountId the account billed
 * @param month {@code yyyy-mm}
 * @param status {@code open} while the month (plus a grace period for late usage) is not over and
 *     the numbers may still grow; {@code closed} once frozen: a closed invoice never changes
 * @param priceListVersion the price list it was priced with
 * @param currency the price list's currency
 * @param lines one per meter used
 * @param total the exact sum of the lines' costs
 * @param amountDue the total rounded to cents (half-even)
 * @param generatedAt when it was computed (for a closed invoice: when it was frozen)
 */
public record Invoice(String accountId, String month, String status, String priceListVersion, String currency,
    List<Line> lines, BigDecimal total, BigDecimal amountDue, Instant generatedAt) {

  public static final String OPEN = "open";
  public static final String CLOSED = "closed";

  /**
   * One line: {@code cost = quantity / per x rate}, rounded to {@link Invoices#COST_SCALE} decimals.
   *
   * @param meter the meter
   * @param quantity the month's quantity in the meter's unit
   * @param unit the meter's unit
   * @param rate the price of {@code per} units
   * @param per the number of units the rate is for
   * @param priceUnit the price's unit as people say it
   * @param cost the line's cost
   */
  public record Line(String meter, BigDecimal quantity, String unit, BigDecimal rate, BigDecimal per,
      String priceUnit, BigDecimal cost) {}
}
