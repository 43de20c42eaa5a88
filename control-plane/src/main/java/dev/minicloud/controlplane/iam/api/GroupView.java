package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.GroupRecord;
import dev.minicloud.controlplane.iam.policy.Arns;
import java.util.LinkedHashMap;
import java.util.Map;

/** How a group is shown by the groups API. */
final class GroupView {

  private GroupView() {}

  static Map<String, Object> of(GroupRecord g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("groupName", g.groupName());
    m.put("groupId", g.groupId());
    m.put("arn", Arns.group(g.accountId(), g.groupName()));
    m.put("createdAt", String.valueOf(g.createdAt()));
    return m;
  }
}
