package dev.minicloud.controlplane.iam.api;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.iam.GroupRecord;
import dev.minicloud.controlplane.iam.GroupStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /iam/v1/groups/{groupName}/policies/{policyName}}: the inline document as stored. */
public final class GetGroupPolicyHandler extends IamHandler {

  private final GroupStore groups;

  public GetGroupPolicyHandler(GroupStore groups) {
    this.groups = groups;
  }

  @Override
  public String action() {
    return "iam:GetGroupPolicy";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return groupArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    GroupRecord g = groups.requireGroup(caller(ctx).accountId(), ctx.pathParam("groupName"));
    String name = ctx.pathParam("policyName");
    String doc = g.inlinePolicies().get(name);
    if (doc == null) {
      throw new ApiException(ApiErrorCode.NO_SUCH_ENTITY, "The group policy with name " + name + " cannot be found.");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("groupName", g.groupName());
    out.put("policyName", name);
    out.put("policyDocument", doc);
    respond(ctx, 200, out);
  }
}
