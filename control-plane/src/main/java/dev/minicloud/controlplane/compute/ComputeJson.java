package dev.minicloud.controlplane.compute;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.json.Json;
import dev.minicloud.controlplane.http.RequestContext;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Small helpers the compute handlers share: JSON in, JSON out, the caller's account. */
public final class ComputeJson {

  private ComputeJson() {}

  /** Writes {@code body} as JSON with {@code status}. */
  public static void write(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status).putHeader("content-type", "application/json")
        .end(Buffer.buffer(Json.toBytes(body)));
  }

  /** The JSON body decoded as {@code type}; an empty body decodes from {@code {}}. */
  public static <T> T body(RoutingContext ctx, Class<T> type) {
    byte[] bytes = ctx.body() == null || ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes();
    if (bytes.length == 0) {
      bytes = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
    try {
      return Json.fromBytes(bytes, type);
    } catch (IllegalArgumentException e) {
      throw new ApiException(ApiErrorCode.MALFORMED_JSON, e.getMessage());
    }
  }

  /** Names the action for audit/metrics and returns the caller's account id. */
  public static String account(RoutingContext ctx, String action) {
    RequestContext rc = RequestContext.of(ctx);
    rc.action(action);
    Principal principal = rc.principal();
    if (principal == null) {
      throw new ApiException(ApiErrorCode.ACCESS_DENIED, "An authenticated caller is required.");
    }
    return principal.accountId();
  }

  /** An integer query parameter within {@code [min, max]}, or {@code dflt} when absent. */
  public static int intParam(RoutingContext ctx, String name, int dflt, int min, int max) {
    String value = ctx.request().getParam(name);
    if (value == null) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ApiException(ApiErrorCode.INVALID_PARAMETER_VALUE, name + " must be an integer in " + min + ".." + max + ".");
  }
}
