package dev.minicloud.controlplane.iam.policy;

import java.util.List;

/**
 * A parsed IAM policy document. Identity policies (attached to users) have no principal; resource
 * policies (bucket policies) name one in every statement.
 *
 * @param version {@code 2012-10-17} (policy variables on) or {@code 2008-10-17}
 * @param statements the statements, in document order
 */
public record PolicyDocument(String version, List<Statement> statements) {

  public static final String VERSION = "2012-10-17";

  public PolicyDocument {
    statements = List.copyOf(statements);
  }

  /** Whether {@code ${...}} policy variables are substituted (only in version 2012-10-17). */
  public boolean variablesEnabled() {
    return VERSION.equals(version);
  }
}
