package dev.minicloud.controlplane.cluster;

import dev.minicloud.common.cluster.NodeKind;
import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.json.Json;
import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code PUT /internal/v1/nodes/{nodeId}}: a node joins or heartbeats. Body:
 * {@code {"kind","endpoint","socket"(optional),"version","startedAt","capacity":{...}}}; answer:
 * {@code {"nodeId","state","heartbeatIntervalMillis"}}.
 */
public final class NodeHeartbeatHandler implements Handler<RoutingContext> {

  private static final Pattern NODE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final NodeRegistry registry;
  private final Duration heartbeatInterval;

  public NodeHeartbeatHandler(NodeRegistry registry, Duration heartbeatInterval) {
    this.registry = registry;
    this.heartbeatInterval = heartbeatInterval;
  }

  /** The node's report, as sent. */
  public record Heartbeat(String kind, String endpoint, String socket, String version, Instant startedAt,
      Map<String, Object> capacity) {}

  /** {@code sun_path} holds 108 bytes including the terminating NUL. */
  private static final int MAX_SOCKET_PATH_BYTES = 107;

  @Override
  public void handle(RoutingContext ctx) {
    String nodeId = ctx.pathParam("nodeId");
    if (nodeId == null || !NODE_ID.matcher(nodeId).matches()) {
      throw new ApiException(ApiErrorCode.VALIDATION_ERROR, "nodeId must match " + NODE_ID.pattern());
    }
    Heartbeat hb;
    NodeKind kind;
    try {
      hb = Json.fromBytes(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes(), Heartbeat.class);
      kind = NodeKind.fromWire(hb.kind());
    } catch (IllegalArgumentException e) {
      throw new ApiException(ApiErrorCode.MALFORMED_JSON, e.getMessage());
    }
    if (hb.endpoint() == null || !(hb.endpoint().startsWith("http://") || hb.endpoint().startsWith("https://"))) {
      throw new ApiException(ApiErrorCode.VALIDATION_ERROR, "endpoint must be an http(s) URL");
    }
    if (hb.socket() != null && (!hb.socket().startsWith("/") || hb.socket().indexOf('\0') >= 0
        || hb.socket().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES)) {
      throw new ApiException(ApiErrorCode.VALIDATION_ERROR,
          "socket must be an absolute path of at most " + MAX_SOCKET_PATH_BYTES + " bytes");
    }
    NodeRecord record = registry.heartbeat(nodeId, kind, hb.endpoint(), hb.socket(), hb.version(),
        hb.capacity() == null ? Map.of() : hb.capacity(), hb.startedAt() == null ? Instant.EPOCH : hb.startedAt());
    ctx.response().putHeader("content-type", "application/json").end(new JsonObject()
        .put("nodeId", record.nodeId())
        .put("state", record.state().wireName())
        .put("heartbeatIntervalMillis", heartbeatInterval.toMillis())
        .encode());
  }
}
