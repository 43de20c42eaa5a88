package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code GET /iam/v1/users/{userName}/attached-policies}. */
public final class ListAttachedUserPoliciesHandler extends IamHandler {

  private final UserStore users;

  public ListAttachedUserPoliciesHandler(UserStore users) {
    this.users = users;
  }

  @Override
  public String action() {
    return "iam:ListAttachedUserPolicies";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return userArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    respond(ctx, 200, Map.of("attachedPolicies",
        users.requireUser(caller(ctx).accountId(), ctx.pathParam("userName")).attachedPolicies()));
  }
}
