package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.GroupRecord;
import dev.minicloud.controlplane.iam.GroupStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /iam/v1/groups/{groupName}}: the group, its policy names and attached ARNs, and its users. */
public final class GetGroupHandler extends IamHandler {

  private final GroupStore groups;

  public GetGroupHandler(GroupStore groups) {
    this.groups = groups;
  }

  @Override
  public String action() {
    return "iam:GetGroup";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return groupArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String account = caller(ctx).accountId();
    GroupRecord g = groups.requireGroup(account, ctx.pathParam("groupName"));
    Map<String, Object> view = new LinkedHashMap<>(GroupView.of(g));
    view.put("inlinePolicies", g.inlinePolicies().keySet());
    view.put("attachedPolicies", g.attachedPolicies());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("group", view);
    out.put("users", groups.members(account, g.groupName()).stream().map(UserView::of).toList());
    respond(ctx, 200, out);
  }
}
