package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.UserRecord;
import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /iam/v1/users/{userName}}: the user with its policy names and attached policy ARNs. */
public final class GetUserHandler extends IamHandler {

  private final UserStore users;

  public GetUserHandler(UserStore users) {
    this.users = users;
  }

  @Override
  public String action() {
    return "iam:GetUser";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return userArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    UserRecord u = users.requireUser(caller(ctx).accountId(), ctx.pathParam("userName"));
    Map<String, Object> view = new LinkedHashMap<>(UserView.of(u));
    view.put("inlinePolicies", u.inlinePolicies().keySet());
    view.put("attachedPolicies", u.attachedPolicies());
    respond(ctx, 200, Map.of("user", view));
  }
}
