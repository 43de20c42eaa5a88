package dev.minicloud.controlplane.iam.api;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.iam.GroupStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;

/** {@code DELETE /iam/v1/groups/{groupName}/attached-policies?policyArn=...}. */
public final class DetachGroupPolicyHandler extends IamHandler {

  private final GroupStore groups;

  public DetachGroupPolicyHandler(GroupStore groups) {
    this.groups = groups;
  }

  @Override
  public String action() {
    return "iam:DetachGroupPolicy";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return groupArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String arn = ctx.queryParams().get("policyArn");
    if (arn == null || arn.isEmpty()) {
      throw new ApiException(ApiErrorCode.VALIDATION_ERROR, "The query parameter policyArn is required.");
    }
    groups.detach(caller(ctx).accountId(), ctx.pathParam("groupName"), arn);
    noContent(ctx);
  }
}
