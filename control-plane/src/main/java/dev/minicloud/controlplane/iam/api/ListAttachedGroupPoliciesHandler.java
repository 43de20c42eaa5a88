package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.GroupStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code GET /iam/v1/groups/{groupName}/attached-policies}. */
public final class ListAttachedGroupPoliciesHandler extends IamHandler {

  private final GroupStore groups;

  public ListAttachedGroupPoliciesHandler(GroupStore groups) {
    this.groups = groups;
  }

  @Override
  public String action() {
    return "iam:ListAttachedGroupPolicies";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return groupArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    respond(ctx, 200, Map.of("attachedPolicies",
        groups.requireGroup(caller(ctx).accountId(), ctx.pathParam("groupName")).attachedPolicies()));
  }
}
