package dev.minicloud.sdk.iam;

import java.time.Instant;
import java.util.List;

/**
 * A user of the caller's account. Lists leave the policy names empty; {@code getUser} fills them.
 *
 * @param userName its name
 * @param userId its unique id
 * @param arn {@code arn:minicloud:iam::<account>:user/<name>}
 * @param createdAt when it was created
 * @param inlinePolicies names of its inline policies
 * @param attachedPolicies ARNs of its attached managed policies
 */
public record User(String userName, String userId, String arn, Instant createdAt, List<String> inlinePolicies,
    List<String> attachedPolicies) {

  /** Never-null lists. */
  public User {
    inlinePolicies = inlinePolicies == null ? List.of() : List.copyOf(inlinePolicies);
    attachedPolicies = attachedPolicies == null ? List.of() : List.copyOf(attachedPolicies);
  }
}
