package dev.minicloud.controlplane.iam.api;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;

/** {@code DELETE /iam/v1/users/{userName}/policies/{policyName}}. */
public final class DeleteUserPolicyHandler extends IamHandler {

  private final UserStore users;

  public DeleteUserPolicyHandler(UserStore users) {
    this.users = users;
  }

  @Override
  public String action() {
    return "iam:DeleteUserPolicy";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return userArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String name = ctx.pathParam("policyName");
    users.updateUser(caller(ctx).accountId(), ctx.pathParam("userName"), u -> {
      if (!u.inlinePolicies().containsKey(name)) {
        throw new ApiException(ApiErrorCode.NO_SUCH_ENTITY, "The user policy with name " + name + " cannot be found.");
      }
      return u.withInlinePolicy(name, null);
    });
    noContent(ctx);
  }
}
