package dev.minicloud.controlplane.billing;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.identity.Principal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Shared rules of the billing and audit queries: whose data a caller may see, and time parameters. */
public final class CallerScope {

  private CallerScope() {}

  /**
   * The account a query covers: the platform root user may name any account or none (null: all
   * accounts); everyone else sees only their own account, and naming another is AccessDenied.
   */
  public static String account(Principal caller, String requested) {
    boolean operator = caller.platformRoot() && caller.isAccountRoot();
    if (requested == null || requested.isEmpty()) {
      return operator ? null : caller.accountId();
    }
    if (!operator && !requested.equals(caller.accountId())) {
      throw new ApiException(ApiErrorCode.ACCESS_DENIED, "You may only see your own account's data.");
    }
    return requested;
  }

  /** An ISO-8601 instant ({@code 2026-12-01T10:00:00Z}) or a UTC date ({@code 2026-12-01}). */
  public static Instant time(String name, String value, Instant fallback) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      return value.length() == 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new ApiException(ApiErrorCode.VALIDATION_ERROR,
          name + " must be an ISO-8601 instant or a yyyy-mm-dd date, got: " + value);
    }
  }
}
