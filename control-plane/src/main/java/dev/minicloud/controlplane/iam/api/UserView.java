package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.UserRecord;
import dev.minicloud.controlplane.iam.policy.Arns;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a user is shown by the users API. */
final class UserView {

  private UserView() {}

  static Map<String, Object> of(UserRecord u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("userName", u.userName());
    m.put("userId", u.userId());
    m.put("arn", Arns.user(u.accountId(), u.userName()));
    m.put("createdAt", String.valueOf(u.createdAt()));
    return m;
  }
}
