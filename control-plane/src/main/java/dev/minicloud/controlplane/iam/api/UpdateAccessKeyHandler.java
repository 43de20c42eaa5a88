package dev.minicloud.controlplane.iam.api;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.identity.AccessKeyRecord;
import dev.minicloud.controlplane.identity.IdentityStore;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code PUT /iam/v1/users/{userName}/access-keys/{accessKeyId} {status: Active|Inactive}}. */
public final class UpdateAccessKeyHandler extends IamHandler {

  private final IdentityStore identity;

  public UpdateAccessKeyHandler(IdentityStore identity) {
    this.identity = identity;
  }

  @Override
  public String action() {
    return "iam:UpdateAccessKey";
  }

  @Override
  public String resource(RoutingContext ctx, Principal caller) {
    return userArn(ctx, caller);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String status = required(body(ctx), "status");
    AccessKeyRecord.Status s = switch (status) {
      case "Active" -> AccessKeyRecord.Status.ACTIVE;
      case "Inactive" -> AccessKeyRecord.Status.INACTIVE;
      default -> throw new ApiException(ApiErrorCode.VALIDATION_ERROR, "status must be Active or Inactive");
    };
    AccessKeyRecord updated = identity.setKeyStatus(caller(ctx).accountId(), ctx.pathParam("userName"),
        ctx.pathParam("accessKeyId"), s);
    respond(ctx, 200, Map.of("accessKey", keyView(updated)));
  }
}
