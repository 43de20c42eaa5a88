package dev.minicloud.sdk.billing;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Usage of one meter by one account over one period.
 *
 * @param accountId the account
 * @param meter e.g. {@code requests.tier1}, {@code storage.byte-hours}, {@code compute.instance-seconds.nano}
 * @param unit e.g. {@code requests}, {@code byte-hours}, {@code seconds}
 * @param start the period's start (UTC)
 * @param end the period's end (exclusive)
 * @param quantity how much
 */
public record UsageRecord(String accountId, String meter, String unit, Instant start, Instant end,
    BigDecimal quantity) {}
