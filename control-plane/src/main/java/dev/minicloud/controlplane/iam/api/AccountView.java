package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.identity.AccountRecord;
import java.util.LinkedHashMap;
import java.util.Map;

/** How an account is shown by the accounts API. */
final class AccountView {

  private AccountView() {}

  static Map<String, Object> of(AccountRecord a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("accountId", a.accountId());
    m.put("name", a.name());
    m.put("status", a.status() == AccountRecord.Status.ACTIVE ? "Active" : "Suspended");
    m.put("platformRoot", a.platformRoot());
    m.put("createdAt", String.valueOf(a.createdAt()));
    return m;
  }
}
