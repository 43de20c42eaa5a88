package dev.minicloud.controlplane.iam.api;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.iam.policy.Arns;
import dev.minicloud.controlplane.identity.IdentityStore;
import dev.minicloud.controlplane.identity.Principal;
import dev.minicloud.controlplane.storage.bucket.BucketStore;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code DELETE /iam/v1/accounts/{accountId}} (platform root only): only an empty account (no
 * buckets) can go, with its users, keys and policies; otherwise DeleteConflict.
 */
public final class DeleteAccountHandler extends IamHandler {

  private final IdentityStore identity;
  private final UserStore users;
  private final BucketStore buckets;

  public DeleteAccountHandler(IdentityStore identity, UserStore users, BucketStore buckets) {
    this.identity = identity;
    this.users = users;
    this.buckets = buckets;
  }

  @Override
  public String action() {
    return "iam:DeleteAccount";
  }

  @Override
  public boolean platformRootOnly() {
    return true;
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return Arns.accountRoot(ctx.pathParam("accountId"));
  }

  @Override
  public void handle(RoutingContext ctx) {
    String accountId = ctx.pathParam("accountId");
    identity.requireAccount(accountId);
    int owned = buckets.ownedBy(accountId).size();
    if (owned > 0) {
      throw new ApiException(ApiErrorCode.DELETE_CONFLICT,
          "The account still owns " + owned + " bucket(s); delete them first.");
    }
    users.deleteAll(accountId);
    identity.deleteAccount(accountId);
    noContent(ctx);
  }
}
