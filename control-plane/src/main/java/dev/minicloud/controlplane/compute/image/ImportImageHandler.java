package dev.minicloud.controlplane.compute.image;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.compute.ComputeJson;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /compute/v1/images/import}: creating an image from a rootfs tarball stored as an
 * object. Not implemented yet: answers {@code 501 NotImplemented} so the route is visible.
 */
public final class ImportImageHandler implements Handler<RoutingContext> {

  @Override
  public void handle(RoutingContext ctx) {
    ComputeJson.account(ctx, "compute:ImportImage");
    throw new ApiException(ApiErrorCode.NOT_IMPLEMENTED, "Importing images is not implemented yet.");
  }
}
