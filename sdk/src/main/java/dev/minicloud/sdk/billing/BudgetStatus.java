package dev.minicloud.sdk.billing;

import java.math.BigDecimal;

/**
 * Where the current month stands against the budget. Budgets are advisory: nothing is blocked.
 *
 * @param accountId the account
 * @param month {@code yyyy-mm}
 * @param currency e.g. {@code USD}
 * @param monthlyLimit the limit
 * @param spent the month's invoice total so far
 * @param percentUsed spent as a percentage of the limit
 * @param reached80Percent true from 80 %
 * @param reached100Percent true from 100 %
 * @param state {@code ok}, {@code warning} (80 % or more) or {@code exceeded} (100 % or more)
 * @param enforced false: budgets only warn
 */
public record BudgetStatus(String accountId, String month, String currency, BigDecimal monthlyLimit, BigDecimal spent,
    BigDecimal percentUsed, boolean reached80Percent, boolean reached100Percent, String state, boolean enforced) {}
