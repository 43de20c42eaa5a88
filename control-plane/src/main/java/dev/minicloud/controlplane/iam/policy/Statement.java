package dev.minicloud.controlplane.iam.policy;

import java.util.List;

/**
 * One statement of a policy document.
 *
 * @param sid the statement id, or null
 * @param line the line of the statement in its document, for explanations
 * @param principal the Principal element (resource policies only), or null
 * @param notPrincipal whether it was NotPrincipal
 * @param actions action patterns ({@code service:Action}, wildcards allowed)
 * @param notAction whether they came from NotAction
 * @param resources resource ARN patterns, normalised to {@code arn:minicloud:}
 * @param notResource whether they came from NotResource
 * @param conditions every condition; all must hold
 */
public record Statement(String sid, int line, Effect effect, PrincipalSpec principal, boolean notPrincipal,
    List<String> actions, boolean notAction, List<String> resources, boolean notResource,
    List<Condition> conditions) {

  public Statement {
    actions = List.copyOf(actions);
    resources = List.copyOf(resources);
    conditions = List.copyOf(conditions);
  }

  /** A label for explanations: the Sid if there is one, the line otherwise. */
  public String label() {
    return sid != null && !sid.isEmpty() ? sid : "statement at line " + line;
  }
}
