package dev.minicloud.controlplane.iam.api;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.iam.UserRecord;
import dev.minicloud.controlplane.iam.UserStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /iam/v1/users/{userName}/policies/{policyName}}: the inline document as stored. */
public final class GetUserPolicyHandler extends IamHandler {

  private final UserStore users;

  public GetUserPolicyHandler(UserStore users) {
    this.users = users;
  }

  @Override
  public String action() {
    return "iam:GetUserPolicy";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return userArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    UserRecord u = users.requireUser(caller(ctx).accountId(), ctx.pathParam("userName"));
    String name = ctx.pathParam("policyName");
    String doc = u.inlinePolicies().get(name);
    if (doc == null) {
      throw new ApiException(ApiErrorCode.NO_SUCH_ENTITY, "The user policy with name " + name + " cannot be found.");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("userName", u.userName());
    out.put("policyName", name);
    out.put("policyDocument", doc);
    respond(ctx, 200, out);
  }
}
