package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.iam.policy.Arns;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;

/** {@code POST /iam/v1/users {userName}}: a user with no permissions until a policy grants some. */
public final class CreateUserHandler extends IamHandler {

  private final UserStore users;
  private final Clock clock;

  public CreateUserHandler(UserStore users, Clock clock) {
    this.users = users;
    this.clock = clock;
  }

  @Override
  public String action() {
    return "iam:CreateUser";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    String name = optional(body(ctx), "userName");
    return Arns.user(caller.accountId(), name == null ? "" : name);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String name = required(body(ctx), "userName");
    respond(ctx, 201, Map.of("user", UserView.of(users.createUser(caller(ctx).accountId(), name, clock.instant()))));
  }
}
