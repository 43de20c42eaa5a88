package dev.minicloud.controlplane.compute.image;

import dev.minicloud.common.cluster.NodeKind;
import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.cluster.NodeRecord;
import dev.minicloud.controlplane.cluster.NodeRegistry;
import dev.minicloud.controlplane.compute.ComputeJson;
import dev.minicloud.controlplane.compute.agent.AgentClient;
import dev.minicloud.controlplane.storage.blob.BlobClient;
import dev.minicloud.controlplane.storage.blob.Segment;
import dev.minicloud.controlplane.storage.bucket.BucketRecord;
import dev.minicloud.controlplane.storage.bucket.BucketStore;
import dev.minicloud.controlplane.storage.encryption.ServerSideEncryption;
import dev.minicloud.controlplane.storage.object.ObjectIndex;
import dev.minicloud.controlplane.storage.object.ObjectRecord;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /compute/v1/images/import} {@code {"name","description","bucket","key"}}: creates a
 * machine image from a root filesystem tarball stored as an object in one of the caller's buckets
 * (like EC2 ImportImage). The object streams from the storage nodes to every compute agent that is
 * up, each importing it into its engine; the image is then registered, private to the caller.
 * Agents that join later do not have it (launching there fails with {@code InvalidAMIID.NotFound}).
 */
public final class ImportImageHandler implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(ImportImageHandler.class);
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  private final ImageCatalog images;
  private final BucketStore buckets;
  private final ObjectIndex objects;
  private final BlobClient blobs;
  private final ServerSideEncryption sse;
  private final AgentClient agents;
  private final NodeRegistry nodes;

  public ImportImageHandler(ImageCatalog images, BucketStore buckets, ObjectIndex objects, BlobClient blobs,
      ServerSideEncryption sse, AgentClient agents, NodeRegistry nodes) {
    this.images = images;
    this.buckets = buckets;
    this.objects = objects;
    this.blobs = blobs;
    this.sse = sse;
    this.agents = agents;
    this.nodes = nodes;
  }

  /** The request body. */
  public record ImportRequest(String name, String description, String bucket, String key) {}

  @Override
  public void handle(RoutingContext ctx) {
    String account = ComputeJson.account(ctx, "compute:ImportImage");
    ImportRequest request = ComputeJson.body(ctx, ImportRequest.class);
    if (request.name() == null || request.bucket() == null || request.key() == null) {
      throw new ApiException(ApiErrorCode.MISSING_PARAMETER, "name, bucket and key are required.");
    }
    if (!NAME.matcher(request.name()).matches()) {
      throw new ApiException(ApiErrorCode.INVALID_PARAMETER_VALUE,
          "name must be 1..64 lower-case letters, digits, '.', '_' or '-'.");
    }
    BucketRecord bucket = buckets.get(request.bucket()).orElseThrow(() -> new ApiException(
        ApiErrorCode.INVALID_PARAMETER_VALUE, "The bucket '" + request.bucket() + "' does not exist."));
    if (!bucket.ownerAccountId().equals(account)) {
      throw new ApiException(ApiErrorCode.ACCESS_DENIED, "The bucket '" + request.bucket() + "' is not yours.");
    }
    ObjectRecord object = objects.get(request.bucket(), request.key()).orElseThrow(() -> new ApiException(
        ApiErrorCode.INVALID_PARAMETER_VALUE, "The object '" + request.key() + "' does not exist."));
    List<NodeRecord> targets = nodes.up(NodeKind.COMPUTE).stream()
        .filter(n -> Boolean.TRUE.equals(n.capacity().get("dockerAvailable"))).toList();
    if (targets.isEmpty()) {
      throw new ApiException(ApiErrorCode.SERVICE_UNAVAILABLE, "No compute agent is available to import the image.");
    }
    String imageId = images.newImageId();
    String repository = "minicloud/" + imageId;
    Future<Void> chain = Future.succeededFuture();
    for (NodeRecord agent : targets) {
      chain = chain.compose(v -> agents.importImage(agent.nodeId(), repository, "latest", req -> stream(object, req)));
    }
    chain.onSuccess(v -> {
          ImageRecord image = images.register(imageId, request.name(),
              request.description() == null ? "imported from s3://" + request.bucket() + "/" + request.key()
                  : request.description(), repository + ":latest", account);
          LOG.info("Account {} imported image {} ({}) onto {} agent(s)", account, imageId, request.name(),
              targets.size());
          ComputeJson.write(ctx, 200, Map.of("image", image));
        })
        .onFailure(ctx::fail);
  }

  private Future<Void> stream(ObjectRecord object, HttpClientRequest request) {
    Future<Void> chain = Future.succeededFuture();
    ServerSideEncryption.Reader reader = sse.reader(object.encryption());
    for (Segment segment : object.segments()) {
      if (segment.size() == 0) {
        continue;
      }
      chain = chain.compose(v -> blobs.get(segment, 0, segment.size() - 1)
          .compose(body -> reader.plaintext(segment, 0, body).pipe().endOnComplete(false).to(request)));
    }
    return chain;
  }
}
