package dev.minicloud.controlplane.iam;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An IAM group, as stored in the GROUPS table keyed {@code <account>/<groupName>}: its inline
 * policies (name to document text) and the ARNs of its attached managed policies. Its members are
 * the users whose {@link UserRecord#groups()} name it.
 */
public record GroupRecord(String accountId, String groupName, String groupId, Instant createdAt,
    Map<String, String> inlinePolicies, List<String> attachedPolicies) {

  public GroupRecord {
    inlinePolicies = inlinePolicies == null ? Map.of() : Map.copyOf(inlinePolicies);
    attachedPolicies = attachedPolicies == null ? List.of() : List.copyOf(attachedPolicies);
  }

  public GroupRecord withInlinePolicy(String name, String document) {
    Map<String, String> updated = new TreeMap<>(inlinePolicies);
    if (document == null) {
      updated.remove(name);
    } else {
      updated.put(name, document);
    }
    return new GroupRecord(accountId, groupName, groupId, createdAt, updated, attachedPolicies);
  }

  public GroupRecord withAttachedPolicies(List<String> arns) {
    return new GroupRecord(accountId, groupName, groupId, createdAt, inlinePolicies, arns);
  }
}
