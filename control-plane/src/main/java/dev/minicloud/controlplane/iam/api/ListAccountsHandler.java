package dev.minicloud.controlplane.iam.api;

import dev.minicloud.controlplane.identity.IdentityStore;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code GET /iam/v1/accounts} (platform root only). */
public final class ListAccountsHandler extends IamHandler {

  private final IdentityStore identity;

  public ListAccountsHandler(IdentityStore identity) {
    this.identity = identity;
  }

  @Override
  public String action() {
    return "iam:ListAccounts";
  }

  @Override
  public boolean platformRootOnly() {
    return true;
  }

  @Override
  public void handle(RoutingContext ctx) {
    respond(ctx, 200, Map.of("accounts", identity.accounts().stream().map(AccountView::of).toList()));
  }
}
