package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.identity.IdentityStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;

/** {@code DELETE /iam/v1/users/{userName}/access-keys/{accessKeyId}}. */
public final class DeleteAccessKeyHandler extends IamHandler {

  private final IdentityStore identity;

  public DeleteAccessKeyHandler(IdentityStore identity) {
    this.identity = identity;
  }

  @Override
  public String action() {
    return "iam:DeleteAccessKey";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return userArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    identity.deleteKey(caller(ctx).accountId(), ctx.pathParam("userName"), ctx.pathParam("accessKeyId"));
    noContent(ctx);
  }
}
