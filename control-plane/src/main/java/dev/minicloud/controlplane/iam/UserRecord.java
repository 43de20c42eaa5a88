package dev.minicloud.controlplane.iam;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user inside an account, as stored in the USERS table keyed {@code <account>/<userName>}, with
 * its inline policies (name to document text), the ARNs of its attached managed policies and the
 * names of the groups it belongs to. Memberships are kept here, on the user, and nowhere else:
 * evaluating a request reads the caller's (cached) record and then its groups by name, and deleting
 * the user ends its memberships with it.
 */
public record UserRecord(String accountId, String userName, String userId, Instant createdAt,
    Map<String, String> inlinePolicies, List<String> attachedPolicies, List<String> groups) {

  public UserRecord {
    inlinePolicies = inlinePolicies == null ? Map.of() : Map.copyOf(inlinePolicies);
    attachedPolicies = attachedPolicies == null ? List.of() : List.copyOf(attachedPolicies);
    groups = groups == null ? List.of() : List.copyOf(groups); // records written before groups existed
  }

  public UserRecord withInlinePolicy(String name, String document) {
    Map<String, String> updated = new TreeMap<>(inlinePolicies);
    if (document == null) {
      updated.remove(name);
    } else {
      updated.put(name, document);
    }
    return new UserRecord(accountId, userName, userId, createdAt, updated, attachedPolicies, groups);
  }

  public UserRecord withAttachedPolicies(List<String> arns) {
    return new UserRecord(accountId, userName, userId, createdAt, inlinePolicies, arns, groups);
  }

  public UserRecord withGroups(List<String> names) {
    return new UserRecord(accountId, userName, userId, createdAt, inlinePolicies, attachedPolicies, names);
  }
}
