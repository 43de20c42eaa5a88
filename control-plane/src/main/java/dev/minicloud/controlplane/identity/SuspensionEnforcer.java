package dev.minicloud.controlplane.identity;

import java.util.List;

/**
 * What suspending an account sets in motion beyond refusing its keys: stopping what it runs. The
 * identity side only marks the account suspended (durably, first); the compute side implements
 * this and also applies it on a timer, so an account suspended just before a crash still has its
 * instances stopped after the restart.
 */
@FunctionalInterface
public interface SuspensionEnforcer {

  /** Does nothing (a control plane without compute, unit tests). */
  SuspensionEnforcer NONE = accountId -> List.of();

  /**
   * Begins stopping everything a suspended account runs and returns the ids of the instances whose
   * stop began; they reach {@code stopped} in the background.
   */
  List<String> enforce(String accountId);
}
