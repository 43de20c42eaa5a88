package dev.minicloud.controlplane.metering;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An aggregate: what one account used of one meter in one period (an hour as stored; a day or a
 * month when queried at a coarser granularity).
 */
public record HourlyUsage(String accountId, String meter, Instant start, Instant end, BigDecimal quantity) {}
