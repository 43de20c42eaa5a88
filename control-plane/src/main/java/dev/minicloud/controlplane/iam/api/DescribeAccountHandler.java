package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.policy.Arns;
import dev.minicloud.controlplane.identity.IdentityStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /iam/v1/accounts/{accountId}} (platform root only). */
public final class DescribeAccountHandler extends IamHandler {

  private final IdentityStore identity;

  public DescribeAccountHandler(IdentityStore identity) {
    this.identity = identity;
  }

  @Override
  public String action() {
    return "iam:DescribeAccount";
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
    respond(ctx, 200, AccountView.of(identity.requireAccount(ctx.pathParam("accountId"))));
  }
}
