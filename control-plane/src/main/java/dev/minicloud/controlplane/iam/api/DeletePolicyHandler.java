package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.iam.policy.Arns;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;

/** {@code DELETE /iam/v1/policies/{policyName}}: DeleteConflict while a user has it attached. */
public final class DeletePolicyHandler extends IamHandler {

  private final UserStore users;

  public DeletePolicyHandler(UserStore users) {
    this.users = users;
  }

  @Override
  public String action() {
    return "iam:DeletePolicy";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return Arns.policy(caller.accountId(), ctx.pathParam("policyName"));
  }

  @Override
  public void handle(RoutingContext ctx) {
    users.deletePolicy(caller(ctx).accountId(), ctx.pathParam("policyName"));
    noContent(ctx);
  }
}
