package dev.minicloud.controlplane.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.identity.Principal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CallerScopeTest {

  static final Principal OPERATOR = new Principal("000000000001", Principal.ROOT_USER, "AKIAOPERATOR", true);
  static final Principal TENANT = new Principal("222222222222", Principal.ROOT_USER, "AKIATENANT", false);
  static final Principal OPERATOR_USER = new Principal("000000000001", "bob", "AKIABOB", true);

  @Test
  void onlyThePlatformRootSeesOtherAccounts() {
    assertNull(CallerScope.account(OPERATOR, null), "all accounts");
    assertEquals("222222222222", CallerScope.account(OPERATOR, "222222222222"));
    assertEquals("222222222222", CallerScope.account(TENANT, null));
    assertEquals("222222222222", CallerScope.account(TENANT, "222222222222"));
    ApiException denied = assertThrows(ApiException.class, () -> CallerScope.account(TENANT, "000000000001"));
    assertEquals(ApiErrorCode.ACCESS_DENIED, denied.errorCode());
    assertEquals("000000000001", CallerScope.account(OPERATOR_USER, null), "a user of the operator account is not root");
    assertThrows(ApiException.class, () -> CallerScope.account(OPERATOR_USER, "222222222222"));
  }

  @Test
  void timesAreInstantsOrUtcDates() {
    Instant fallback = Instant.EPOCH;
    assertEquals(fallback, CallerScope.time("from", null, fallback));
    assertEquals(Instant.parse("2026-12-01T00:00:00Z"), CallerScope.time("from", "2026-12-01", fallback));
    assertEquals(Instant.parse("2026-12-01T10:30:00Z"), CallerScope.time("from", "2026-12-01T10:30:00Z", fallback));
    ApiException bad = assertThrows(ApiException.class, () -> CallerScope.time("from", "yesterday", fallback));
    assertEquals(ApiErrorCode.VALIDATION_ERROR, bad.errorCode());
  }
}
