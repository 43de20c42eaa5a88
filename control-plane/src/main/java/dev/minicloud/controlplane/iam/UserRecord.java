package dev.minicloud.controlplane.iam;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A user inside an account, as stored in the USERS table keyed {@code <account>/<userName>}, with
 * its inline policies (name to document text) and the ARNs of its attached managed policies.
 */
public record UserRecord(String accountId, String userName, String userId, Instant createdAt,
    Map<String, String> inlinePolicies, List<String> attachedPolicies) {

  public UserRecord {
    inlinePolicies = inlinePolicies == null ? Map.of() : Map.copyOf(inlinePolicies);
    attachedPolicies = attachedPolicies == null ? List.of() : List.copyOf(attachedPolicies);
  }

  public UserRecord withInlinePolicy(String name, String document) {
    Map<String, String> updated = new TreeMap<>(inlinePolicies);
    if (document == null) {
      updated.remove(name);
    } else {
      updated.put(name, document);
    }
    return new UserRecord(accountId, userName, userId, createdAt, updated, attachedPolicies);
  }

  public UserRecord withAttachedPolicies(List<String> arns) {
    return new UserRecord(accountId, userName, userId, createdAt, inlinePolicies, arns);
  }
}
