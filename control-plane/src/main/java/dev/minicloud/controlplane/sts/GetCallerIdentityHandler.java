package dev.minicloud.controlplane.sts;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.xml.XmlText;
import dev.minicloud.controlplane.http.RequestContext;
import dev.minicloud.controlplane.identity.Principal;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * The STS query API's one action here, GetCallerIdentity, so that
 * {@code aws sts get-caller-identity} proves a key works. Other actions get InvalidAction.
 */
public final class GetCallerIdentityHandler implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext ctx) {
    RequestContext rc = RequestContext.of(ctx);
    String action = ctx.request().getParam("Action");
    if (action == null) {
      action = ctx.request().getFormAttribute("Action");
    }
    if (action == null || action.isEmpty()) {
      throw new ApiException(StsErrorCode.MISSING_ACTION);
    }
    rc.action("sts:" + action);
    if (!"GetCallerIdentity".equals(action)) {
      throw new ApiException(StsErrorCode.INVALID_ACTION,
          "Could not find operation " + action + " for version 2011-06-15");
    }
    Principal p = rc.principal();
    String body = "<GetCallerIdentityResponse xmlns=\"" + StsErrors.NAMESPACE + "\">"
        + "<GetCallerIdentityResult>"
        + "<Arn>" + XmlText.escape(p.arn()) + "</Arn>"
        + "<UserId>" + XmlText.escape(p.userId()) + "</UserId>"
        + "<Account>" + p.accountId() + "</Account>"
        + "</GetCallerIdentityResult>"
        + "<ResponseMetadata><RequestId>" + rc.requestId() + "</RequestId></ResponseMetadata>"
        + "</GetCallerIdentityResponse>";
    ctx.response().putHeader("content-type", "text/xml").end(body);
  }
}
