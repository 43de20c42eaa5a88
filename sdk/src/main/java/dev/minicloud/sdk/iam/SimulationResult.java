package dev.minicloud.sdk.iam;

import java.util.List;

/**
 * What the policy engine would decide for one request, and why.
 *
 * @param principal the principal's ARN
 * @param action the action, e.g. {@code s3:PutObject}
 * @param resource the resource's ARN (normalised)
 * @param decision {@code allowed}, {@code explicitDeny} or {@code implicitDeny}
 * @param allowed true when allowed
 * @param reason a sentence saying why
 * @param matchedStatements the statements that decided
 */
public record SimulationResult(String principal, String action, String resource, String decision, boolean allowed,
    String reason, List<String> matchedStatements) {

  /** Never-null list. */
  public SimulationResult {
    matchedStatements = matchedStatements == null ? List.of() : List.copyOf(matchedStatements);
  }
}
