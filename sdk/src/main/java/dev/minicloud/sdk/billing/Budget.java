package dev.minicloud.sdk.billing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A monthly budget as set.
 *
 * @param accountId the account
 * @param monthlyLimit the limit in the price list's currency
 * @param updatedAt when it was set
 */
public record Budget(String accountId, BigDecimal monthlyLimit, Instant updatedAt) {}
