package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code PUT /iam/v1/users/{userName}/policies/{policyName}}: an inline policy; the body is the
 * document itself (or {@code {"policyDocument": ...}}). Invalid documents: MalformedPolicyDocument
 * with the line and reason.
 */
public final class PutUserPolicyHandler extends IamHandler {

  private final UserStore users;

  public PutUserPolicyHandler(UserStore users) {
    this.users = users;
  }

  @Override
  public String action() {
    return "iam:PutUserPolicy";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return userArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String name = ctx.pathParam("policyName");
    checkName("policyName", name);
    String document = inlinePolicyDocument(ctx);
    users.updateUser(caller(ctx).accountId(), ctx.pathParam("userName"), u -> u.withInlinePolicy(name, document));
    noContent(ctx);
  }
}
