package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.identity.IdentityStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /iam/v1/users/{userName}/access-keys}: a new key; its secret is in this answer only.
 * At most two keys per user (LimitExceeded).
 */
public final class CreateAccessKeyHandler extends IamHandler {

  private final IdentityStore identity;
  private final UserStore users;
  private final Clock clock;

  public CreateAccessKeyHandler(IdentityStore identity, UserStore users, Clock clock) {
    this.identity = identity;
    this.users = users;
    this.clock = clock;
  }

  @Override
  public String action() {
    return "iam:CreateAccessKey";
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
    IdentityStore.NewKey key = identity.createKey(account, userName, clock.instant());
    Map<String, Object> view = new LinkedHashMap<>(keyView(key.record()));
    view.put("secretAccessKey", key.secretAccessKey());
    respond(ctx, 201, Map.of("accessKey", view));
  }
}
