package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.identity.IdentityStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code GET /iam/v1/users/{userName}/access-keys}: ids, status, creation and last use; never a secret. */
public final class ListAccessKeysHandler extends IamHandler {

  private final IdentityStore identity;
  private final UserStore users;

  public ListAccessKeysHandler(IdentityStore identity, UserStore users) {
    this.identity = identity;
    this.users = users;
  }

  @Override
  public String action() {
    return "iam:ListAccessKeys";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return userArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String account = caller(ctx).accountId();
    String userName = ctx.pathParam("userName");
    users.requireUser(account, userName);
    respond(ctx, 200, Map.of("accessKeys",
        identity.keys(account, userName).stream().map(IamHandler::keyView).toList()));
  }
}
