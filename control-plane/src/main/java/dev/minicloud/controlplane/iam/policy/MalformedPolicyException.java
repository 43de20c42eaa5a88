package dev.minicloud.controlplane.iam.policy;

/** A policy document that does not follow the grammar: the line (1-based, 0 if unknown) and why. */
public final class MalformedPolicyException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int line;
  private final String reason;

  public MalformedPolicyException(int line, String reason) {
    super((line > 0 ? "line " + line + ": " : "") + reason);
    this.line = line;
    this.reason = reason;
  }

  public int line() {
    return line;
  }

  public String reason() {
    return reason;
  }
}
