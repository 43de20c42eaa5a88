package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.policy.Arns;
import dev.minicloud.controlplane.identity.AccountRecord;
import dev.minicloud.controlplane.identity.IdentityStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /iam/v1/accounts/{accountId}/suspend} and {@code .../reactivate} (platform root only).
 * A suspended account's keys stop authenticating and its buckets answer nobody.
 */
public final class SetAccountStatusHandler extends IamHandler {

  private final IdentityStore identity;
  private final AccountRecord.Status status;

  private SetAccountStatusHandler(IdentityStore identity, AccountRecord.Status status) {
    this.identity = identity;
    this.status = status;
  }

  public static SetAccountStatusHandler suspend(IdentityStore identity) {
    return new SetAccountStatusHandler(identity, AccountRecord.Status.SUSPENDED);
  }

  public static SetAccountStatusHandler reactivate(IdentityStore identity) {
    return new SetAccountStatusHandler(identity, AccountRecord.Status.ACTIVE);
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
    respond(ctx, 200, AccountView.of(identity.setStatus(ctx.pathParam("accountId"), status)));
  }
}
