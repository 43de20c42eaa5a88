package dev.minicloud.controlplane.compute.instance;

import dev.minicloud.controlplane.identity.AccountRecord;
import dev.minicloud.controlplane.identity.IdentityStore;
import dev.minicloud.controlplane.identity.SuspensionEnforcer;
import java.util.List;

/**
 * Keeps suspended accounts' instances stopped. Suspension calls {@link #enforce} at once; the
 * control plane also runs {@link #enforceAll} after every reconciler pass, which covers what the
 * immediate call cannot: a crash between marking the account suspended and stopping its instances,
 * an instance still pending (launching) at suspension, a stop that failed because its agent was
 * unreachable, and one started again behind the platform's back (the reconciler marks it running,
 * the next pass stops it). Reactivation starts nothing: the owner starts what it wants again.
 */
public final class SuspendedAccountInstances implements SuspensionEnforcer {

  /** The state reason of an instance stopped because its account was suspended. */
  public static final String REASON = "Server.AccountSuspended: the account was suspended by the platform operator";

  private final InstanceService instances;
  private final IdentityStore identity;

  public SuspendedAccountInstances(InstanceService instances, IdentityStore identity) {
    this.instances = instances;
    this.identity = identity;
  }

  @Override
  public List<String> enforce(String accountId) {
    return instances.stopAll(accountId, REASON);
  }

  /** One pass over every suspended account; returns how many stops it began. */
  public int enforceAll() {
    int started = 0;
    for (AccountRecord a : identity.accounts()) {
      if (a.status() == AccountRecord.Status.SUSPENDED) {
        started += enforce(a.accountId()).size();
      }
    }
    return started;
  }
}
