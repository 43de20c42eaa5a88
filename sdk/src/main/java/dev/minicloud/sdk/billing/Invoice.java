package dev.minicloud.sdk.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A month's invoice: usage priced with the price list in force.
 *
 * @param accountId the account
 * @param month {@code yyyy-mm}
 * @param status {@code open} until the month has been over for an hour, then {@code closed} (frozen)
 * @param priceListVersion the price list used
 * @param currency e.g. {@code USD}
 * @param lines one per meter
 * @param total the exact sum of the lines
 * @param amountDue the total rounded to cents
 * @param generatedAt when it was computed
 */
public record Invoice(String accountId, String month, String status, String priceListVersion, String currency,
    List<Line> lines, BigDecimal total, BigDecimal amountDue, Instant generatedAt) {

  /** Never-null lines. */
  public Invoice {
    lines = lines == null ? List.of() : List.copyOf(lines);
  }

  /**
   * One meter's cost: {@code quantity / per x rate}.
   *
   * @param meter the meter
   * @param quantity the month's usage
   * @param unit the usage's unit
   * @param rate the price per {@code per} units
   * @param per how many units the rate is for
   * @param priceUnit the price's unit in words
   * @param cost the line's cost
   */
  public record Line(String meter, BigDecimal quantity, String unit, BigDecimal rate, BigDecimal per,
      String priceUnit, BigDecimal cost) {}
}
