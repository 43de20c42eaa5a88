package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;

/** {@code DELETE /iam/v1/users/{userName}}: the user goes with its access keys, inline policies and group memberships. */
public final class DeleteUserHandler extends IamHandler {

  private final UserStore users;

  public DeleteUserHandler(UserStore users) {
    this.users = users;
  }

  @Override
  public String action() {
    return "iam:DeleteUser";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return userArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    users.deleteUser(caller(ctx).accountId(), ctx.pathParam("userName"));
    noContent(ctx);
  }
}
