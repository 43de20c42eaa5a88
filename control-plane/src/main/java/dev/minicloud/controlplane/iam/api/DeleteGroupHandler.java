package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.GroupStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;

/** {@code DELETE /iam/v1/groups/{groupName}}: DeleteConflict while it has members or policies, as IAM. */
public final class DeleteGroupHandler extends IamHandler {

  private final GroupStore groups;

  public DeleteGroupHandler(GroupStore groups) {
    this.groups = groups;
  }

  @Override
  public String action() {
    return "iam:DeleteGroup";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return groupArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    groups.deleteGroup(caller(ctx).accountId(), ctx.pathParam("groupName"));
    noContent(ctx);
  }
}
