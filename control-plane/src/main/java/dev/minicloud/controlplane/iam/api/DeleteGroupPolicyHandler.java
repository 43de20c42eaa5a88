package dev.minicloud.controlplane.iam.api;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.iam.GroupStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;

/** {@code DELETE /iam/v1/groups/{groupName}/policies/{policyName}}. */
public final class DeleteGroupPolicyHandler extends IamHandler {

  private final GroupStore groups;

  public DeleteGroupPolicyHandler(GroupStore groups) {
    this.groups = groups;
  }

  @Override
  public String action() {
    return "iam:DeleteGroupPolicy";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return groupArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String name = ctx.pathParam("policyName");
    groups.updateGroup(caller(ctx).accountId(), ctx.pathParam("groupName"), g -> {
      if (!g.inlinePolicies().containsKey(name)) {
        throw new ApiException(ApiErrorCode.NO_SUCH_ENTITY, "The group policy with name " + name + " cannot be found.");
      }
      return g.withInlinePolicy(name, null);
    });
    noContent(ctx);
  }
}
