package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.GroupStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.TreeSet;

/** {@code GET /iam/v1/groups/{groupName}/policies}: the names of the group's inline policies. */
public final class ListGroupPoliciesHandler extends IamHandler {

  private final GroupStore groups;

  public ListGroupPoliciesHandler(GroupStore groups) {
    this.groups = groups;
  }

  @Override
  public String action() {
    return "iam:ListGroupPolicies";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return groupArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    respond(ctx, 200, Map.of("policyNames",
        new TreeSet<>(groups.requireGroup(caller(ctx).accountId(), ctx.pathParam("groupName")).inlinePolicies().keySet())));
  }
}
