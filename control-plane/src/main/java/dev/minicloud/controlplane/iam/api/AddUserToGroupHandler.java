package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.GroupStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;

/** {@code PUT /iam/v1/groups/{groupName}/users/{userName}}: idempotent; the user gains the group's policies at once. */
public final class AddUserToGroupHandler extends IamHandler {

  private final GroupStore groups;

  public AddUserToGroupHandler(GroupStore groups) {
    this.groups = groups;
  }

  @Override
  public String action() {
    return "iam:AddUserToGroup";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return groupArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    groups.addUser(caller(ctx).accountId(), ctx.pathParam("groupName"), ctx.pathParam("userName"));
    noContent(ctx);
  }
}
