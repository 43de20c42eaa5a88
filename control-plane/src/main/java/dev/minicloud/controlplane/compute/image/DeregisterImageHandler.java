package dev.minicloud.controlplane.compute.image;

import dev.minicloud.controlplane.compute.ComputeJson;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code DELETE /compute/v1/images/{id}}: removes one of the caller's images from the catalogue. */
public final class DeregisterImageHandler implements Handler<RoutingContext> {

  private final ImageCatalog images;

  public DeregisterImageHandler(ImageCatalog images) {
    this.images = images;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String account = ComputeJson.account(ctx, "compute:DeregisterImage");
    ImageRecord image = images.deregister(account, ctx.pathParam("id"));
    ComputeJson.write(ctx, 200, Map.of("imageId", image.imageId(), "state", "deregistered"));
  }
}
