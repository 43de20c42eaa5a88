package dev.minicloud.controlplane.iam.policy;

import java.util.List;

/**
 * What the engine decided and why.
 *
 * @param decision the decision
 * @param reason one sentence explaining it
 * @param matchedStatements the statements that applied, as {@code <policy>: <sid or line> (<effect>)}
 */
public record Evaluation(Decision decision, String reason, List<String> matchedStatements) {

  public Evaluation {
    matchedStatements = List.copyOf(matchedStatements);
  }
}
