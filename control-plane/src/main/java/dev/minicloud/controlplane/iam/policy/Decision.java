package dev.minicloud.controlplane.iam.policy;

/** The outcome of evaluating a request against every policy that applies to it. */
public enum Decision {
  /** At least one statement allows it and none denies it. */
  ALLOW,
  /** A statement denies it; nothing can override that. */
  EXPLICIT_DENY,
  /** No statement allows it (the default). */
  IMPLICIT_DENY;

  public boolean allowed() {
    return this == ALLOW;
  }

  /** The name AWS's policy simulator uses: {@code allowed}, {@code explicitDeny}, {@code implicitDeny}. */
  public String wireName() {
    return switch (this) {
      case ALLOW -> "allowed";
      case EXPLICIT_DENY -> "explicitDeny";
      case IMPLICIT_DENY -> "implicitDeny";
    };
  }
}
