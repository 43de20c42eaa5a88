package dev.minicloud.controlplane.iam.api;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;

/** {@code DELETE /iam/v1/users/{userName}/attached-policies?policyArn=...}. */
public final class DetachUserPolicyHandler extends IamHandler {

  private final UserStore users;

  public DetachUserPolicyHandler(UserStore users) {
    this.users = users;
  }

  @Override
  public String action() {
    return "iam:DetachUserPolicy";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return userArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String arn = ctx.queryParams().get("policyArn");
    if (arn == null || arn.isEmpty()) {
      throw new ApiException(ApiErrorCode.VALIDATION_ERROR, "The query parameter policyArn is required.");
    }
    users.detach(caller(ctx).accountId(), ctx.pathParam("userName"), arn);
    noContent(ctx);
  }
}
