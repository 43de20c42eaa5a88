package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.GroupRecord;
import dev.minicloud.controlplane.iam.GroupStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code POST /iam/v1/groups/{groupName}/attached-policies {policyArn}}: a built-in policy or one of the
 * account's managed policies, for every member.
 */
public final class AttachGroupPolicyHandler extends IamHandler {

  private final GroupStore groups;

  public AttachGroupPolicyHandler(GroupStore groups) {
    this.groups = groups;
  }

  @Override
  public String action() {
    return "iam:AttachGroupPolicy";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return groupArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String arn = required(body(ctx), "policyArn");
    GroupRecord g = groups.attach(caller(ctx).accountId(), ctx.pathParam("groupName"), arn);
    respond(ctx, 200, Map.of("attachedPolicies", g.attachedPolicies()));
  }
}
