package dev.minicloud.controlplane.iam.policy;

import dev.minicloud.controlplane.identity.Principal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * One request as the policy engine sees it.
 *
 * @param principal the caller, or null for an anonymous request
 * @param action the action, e.g. {@code s3:GetObject}
 * @param resource the resource ARN (normalised), or {@code *}
 * @param resourceAccountId the account owning the resource; null when it is the caller's own (or none)
 * @param context condition keys (lower case) and their values
 */
public record AccessRequest(Principal principal, String action, String resource, String resourceAccountId,
    Map<String, List<String>> context) {

  public AccessRequest {
    Map<String, List<String>> lower = new TreeMap<>();
    context.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
    context = java.util.Collections.unmodifiableMap(lower);
    resource = Arns.normalize(resource);
  }

  /** Whether the resource belongs to another account than the caller's. */
  public boolean crossAccount() {
    return principal != null && resourceAccountId != null && !resourceAccountId.equals(principal.accountId());
  }

  public List<String> contextValues(String key) {
    return context.get(key.toLowerCase(Locale.ROOT));
  }

  /**
   * The standard global keys for {@code principal}: aws:username, aws:userid, aws:PrincipalAccount,
   * aws:PrincipalArn, aws:PrincipalType; nothing for anonymous callers.
   */
  public static Map<String, List<String>> principalKeys(Principal principal) {
    if (principal == null) {
      return Map.of("aws:principaltype", List.of("Anonymous"));
    }
    Map<String, List<String>> keys = new TreeMap<>();
    if (!principal.isAccountRoot()) {
      keys.put("aws:username", List.of(principal.userName()));
    }
    keys.put("aws:userid", List.of(principal.userId()));
    keys.put("aws:principalaccount", List.of(principal.accountId()));
    keys.put("aws:principalarn", List.of(principal.arn()));
    keys.put("aws:principaltype", List.of(principal.isAccountRoot() ? "Account" : "User"));
    return keys;
  }
}
