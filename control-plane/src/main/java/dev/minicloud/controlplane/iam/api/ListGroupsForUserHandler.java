package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.GroupStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code GET /iam/v1/users/{userName}/groups}: the groups the user belongs to. */
public final class ListGroupsForUserHandler extends IamHandler {

  private final GroupStore groups;

  public ListGroupsForUserHandler(GroupStore groups) {
    this.groups = groups;
  }

  @Override
  public String action() {
    return "iam:ListGroupsForUser";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return userArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    respond(ctx, 200, Map.of("groups", groups.groupsForUser(caller(ctx).accountId(), ctx.pathParam("userName"))
        .stream().map(GroupView::of).toList()));
  }
}
