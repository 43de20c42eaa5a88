package dev.minicloud.sdk.audit;

import java.time.Instant;

/**
 * Which audit events to read. Mutable builder-style:
 * {@code new AuditQuery().action("s3:PutObject").principal("alice")}. Unset: the last 24 hours,
 * every action and principal, the caller's account (the platform root: every account).
 */
public final class AuditQuery {

  /** Events per request unless set (the server's default). */
  public static final int DEFAULT_PAGE_SIZE = 100;

  private Instant from;
  private Instant to;
  private String action;
  private String principal;
  private String accountId;
  private int pageSize = DEFAULT_PAGE_SIZE;

  /** Events at or after this instant. */
  public AuditQuery from(Instant from) {
    this.from = from;
    return this;
  }

  /** Events before this instant (exclusive). */
  public AuditQuery to(Instant to) {
    this.to = to;
    return this;
  }

  /** Only this action, e.g. {@code s3:PutObject}. */
  public AuditQuery action(String action) {
    this.action = action;
    return this;
  }

  /** Only this principal: a user name or an access key id. */
  public AuditQuery principal(String principal) {
    this.principal = principal;
    return this;
  }

  /** Only this account (platform root). */
  public AuditQuery accountId(String accountId) {
    this.accountId = accountId;
    return this;
  }

  /** Events per request, 1 to 1000. */
  public AuditQuery pageSize(int pageSize) {
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException("pageSize must be 1 to 1000");
    }
    this.pageSize = pageSize;
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

  /** The action, or null. */
  public String action() {
    return action;
  }

  /** The principal, or null. */
  public String principal() {
    return principal;
  }

  /** The account, or null. */
  public String accountId() {
    return accountId;
  }

  /** The page size. */
  public int pageSize() {
    return pageSize;
  }
}
