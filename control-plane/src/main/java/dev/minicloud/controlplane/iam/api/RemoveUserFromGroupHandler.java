package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.GroupStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;

/** {@code DELETE /iam/v1/groups/{groupName}/users/{userName}}: NoSuchEntity when it is not a member. */
public final class RemoveUserFromGroupHandler extends IamHandler {

  private final GroupStore groups;

  public RemoveUserFromGroupHandler(GroupStore groups) {
    this.groups = groups;
  }

  @Override
  public String action() {
    return "iam:RemoveUserFromGroup";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return groupArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    groups.removeUser(caller(ctx).accountId(), ctx.pathParam("groupName"), ctx.pathParam("userName"));
    noContent(ctx);
  }
}
