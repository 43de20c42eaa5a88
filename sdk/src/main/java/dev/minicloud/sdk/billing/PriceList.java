package dev.minicloud.sdk.billing;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The price list in force.
 *
 * @param version recorded on every invoice
 * @param currency e.g. {@code USD}
 * @param prices by meter name
 */
public record PriceList(String version, String currency, Map<String, Price> prices) {

  /** Never-null map. */
  public PriceList {
    prices = prices == null ? Map.of() : Map.copyOf(prices);
  }

  /**
   * The price of one meter.
   *
   * @param rate the price per {@code per} units
   * @param per how many units the rate is for
   * @param priceUnit the unit in words
   */
  public record Price(BigDecimal rate, BigDecimal per, String priceUnit) {}
}
