package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.iam.policy.Arns;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code GET /iam/v1/users}: the users of the caller's account. */
public final class ListUsersHandler extends IamHandler {

  private final UserStore users;

  public ListUsersHandler(UserStore users) {
    this.users = users;
  }

  @Override
  public String action() {
    return "iam:ListUsers";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return Arns.user(caller.accountId(), "*");
  }

  @Override
  public void handle(RoutingContext ctx) {
    respond(ctx, 200, Map.of("users", users.users(caller(ctx).accountId()).stream().map(UserView::of).toList()));
  }
}
