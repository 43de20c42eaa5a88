package dev.minicloud.controlplane.compute.image;

import dev.minicloud.controlplane.compute.ComputeJson;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/** {@code GET /compute/v1/images}: the images the caller may launch. */
public final class DescribeImagesHandler implements Handler<RoutingContext> {

  private final ImageCatalog images;

  public DescribeImagesHandler(ImageCatalog images) {
    this.images = images;
  }

  @Override
  public void handle(RoutingContext ctx) {
    String account = ComputeJson.account(ctx, "compute:DescribeImages");
    ComputeJson.write(ctx, 200, Map.of("images", images.visibleTo(account)));
  }
}
