package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.GroupStore;
import dev.minicloud.controlplane.iam.policy.Arns;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code GET /iam/v1/groups}: the groups of the caller's account. */
public final class ListGroupsHandler extends IamHandler {

  private final GroupStore groups;

  public ListGroupsHandler(GroupStore groups) {
    this.groups = groups;
  }

  @Override
  public String action() {
    return "iam:ListGroups";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return Arns.group(caller.accountId(), "*");
  }

  @Override
  public void handle(RoutingContext ctx) {
    respond(ctx, 200, Map.of("groups", groups.groups(caller(ctx).accountId()).stream().map(GroupView::of).toList()));
  }
}
