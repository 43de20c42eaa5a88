package dev.minicloud.sdk.iam;

import java.time.Instant;
import java.util.List;

/**
 * A group of the caller's account: its members gain its policies. Lists leave the policy names and
 * users empty; {@code getGroup} fills them.
 *
 * @param groupName its name
 * @param groupId its unique id
 * @param arn {@code arn:minicloud:iam::<account>:group/<name>}
 * @param createdAt when it was created
 * @param inlinePolicies names of its inline policies
 * @param attachedPolicies ARNs of its attached managed policies
 * @param users its members
 */
public record Group(String groupName, String groupId, String arn, Instant createdAt, List<String> inlinePolicies,
    List<String> attachedPolicies, List<User> users) {

  /** Never-null lists. */
  public Group {
    inlinePolicies = inlinePolicies == null ? List.of() : List.copyOf(inlinePolicies);
    attachedPolicies = attachedPolicies == null ? List.of() : List.copyOf(attachedPolicies);
    users = users == null ? List.of() : List.copyOf(users);
  }

  /** This group with its members. */
  public Group withUsers(List<User> members) {
    return new Group(groupName, groupId, arn, createdAt, inlinePolicies, attachedPolicies, members);
  }
}
