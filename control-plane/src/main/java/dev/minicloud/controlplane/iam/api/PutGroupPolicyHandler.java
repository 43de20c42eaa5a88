package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.GroupStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code PUT /iam/v1/groups/{groupName}/policies/{policyName}}: an inline group policy; the body is
 * the document itself (or {@code {"policyDocument": ...}}). Invalid documents: MalformedPolicyDocument.
 */
public final class PutGroupPolicyHandler extends IamHandler {

  private final GroupStore groups;

  public PutGroupPolicyHandler(GroupStore groups) {
    this.groups = groups;
  }

  @Override
  public String action() {
    return "iam:PutGroupPolicy";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return groupArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String name = ctx.pathParam("policyName");
    checkName("policyName", name);
    String document = inlinePolicyDocument(ctx);
    groups.updateGroup(caller(ctx).accountId(), ctx.pathParam("groupName"), g -> g.withInlinePolicy(name, document));
    noContent(ctx);
  }
}
