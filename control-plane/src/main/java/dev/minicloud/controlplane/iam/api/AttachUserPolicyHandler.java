package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.UserRecord;
import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * {@code POST /iam/v1/users/{userName}/attached-policies {policyArn}}: attaches a built-in policy
 * ({@code arn:minicloud:iam::minicloud:policy/ReadOnlyAccess}, or AWS's {@code arn:aws:iam::aws:policy/...})
 * or one of the account's managed policies.
 */
public final class AttachUserPolicyHandler extends IamHandler {

  private final UserStore users;

  public AttachUserPolicyHandler(UserStore users) {
    this.users = users;
  }

  @Override
  public String action() {
    return "iam:AttachUserPolicy";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return userArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String arn = required(body(ctx), "policyArn");
    UserRecord u = users.attach(caller(ctx).accountId(), ctx.pathParam("userName"), arn);
    respond(ctx, 200, Map.of("attachedPolicies", u.attachedPolicies()));
  }
}
