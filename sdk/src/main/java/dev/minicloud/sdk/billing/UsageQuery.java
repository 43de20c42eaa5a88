package dev.minicloud.sdk.billing;

import java.time.Instant;

/**
 * Which usage to read. Mutable builder-style: {@code new UsageQuery().granularity("day").meter("requests.tier1")}.
 * Unset: from the start of the current month to the end of the current hour, hourly, every meter,
 * the caller's account (the platform root: every account).
 */
public final class UsageQuery {

  private Instant from;
  private Instant to;
  private String granularity;
  private String meter;
  private String accountId;

  /** Periods starting at or after this instant. */
  public UsageQuery from(Instant from) {
    this.from = from;
    return this;
  }

  /** Periods starting before this instant (exclusive). */
  public UsageQuery to(Instant to) {
    this.to = to;
    return this;
  }

  /** {@code hour} (default), {@code day} or {@code month}. */
  public UsageQuery granularity(String granularity) {
    this.granularity = granularity;
    return this;
  }

  /** Only this meter. */
  public UsageQuery meter(String meter) {
    this.meter = meter;
    return this;
  }

  /** Only this account (the platform root may name any; others only their own). */
  public UsageQuery accountId(String accountId) {
    this.accountId = accountId;
    return this;
  }

  /** The start, or null. */
  public Instant from() {
    return from;
  }

  /** The end, or null. */
  public Instant to() {
    return to;
  }

  /** The granularity, or null. */
  public String granularity() {
    return granularity;
  }

  /** The meter, or null. */
  public String meter() {
    return meter;
  }

  /** The account, or null. */
  public String accountId() {
    return accountId;
  }
}
