package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.policy.Arns;
import dev.minicloud.controlplane.identity.AccountRecord;
import dev.minicloud.controlplane.identity.IdentityStore;
import dev.minicloud.controlplane.identity.Principal;
import dev.minicloud.controlplane.identity.SuspensionEnforcer;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /iam/v1/accounts/{accountId}/suspend} and {@code .../reactivate} (platform root only).
 * A suspended account's keys stop authenticating, its buckets answer nobody and its running
 * instances are stopped (the answer lists those whose stop began). Reactivation restores access and
 * starts nothing: the owner starts its instances again.
 */
public final class SetAccountStatusHandler extends IamHandler {

  private final IdentityStore identity;
  private final AccountRecord.Status status;
  private final SuspensionEnforcer enforcer;

  private SetAccountStatusHandler(IdentityStore identity, AccountRecord.Status status, SuspensionEnforcer enforcer) {
    this.identity = identity;
    this.status = status;
    this.enforcer = enforcer;
  }

  public static SetAccountStatusHandler suspend(IdentityStore identity, SuspensionEnforcer enforcer) {
    return new SetAccountStatusHandler(identity, AccountRecord.Status.SUSPENDED, enforcer);
  }

  public static SetAccountStatusHandler reactivate(IdentityStore identity) {
    return new SetAccountStatusHandler(identity, AccountRecord.Status.ACTIVE, SuspensionEnforcer.NONE);
  }

  @Override
  public String action() {
    return status == AccountRecord.Status.SUSPENDED ? "iam:SuspendAccount" : "iam:ReactivateAccount";
  }

  @Override
  public boolean platformRootOnly() {
    return true;
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return Arns.accountRoot(ctx.pathParam("accountId"));
  }

  @Override
  public void handle(RoutingContext ctx) {
    // The status is durable before any instance is touched: if the control plane stops in between,
    // the periodic pass (SuspendedAccountInstances.enforceAll) stops them after the restart.
    AccountRecord account = identity.setStatus(ctx.pathParam("accountId"), status);
    if (status != AccountRecord.Status.SUSPENDED) {
      respond(ctx, 200, AccountView.of(account));
      return;
    }
    List<String> stopping = enforcer.enforce(account.accountId());
    Map<String, Object> view = new LinkedHashMap<>(AccountView.of(account));
    view.put("stoppingInstances", stopping);
    respond(ctx, 200, view);
  }
}
