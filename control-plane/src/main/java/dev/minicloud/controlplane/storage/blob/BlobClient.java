package dev.minicloud.controlplane.storage.blob;

import dev.minicloud.common.cluster.ClusterToken;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.cluster.NodeRecord;
import dev.minicloud.controlplane.cluster.NodeRegistry;
import dev.minicloud.controlplane.cluster.NodeState;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.SocketAddress;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control plane's client of the storage nodes' internal blob API ({@code /internal/v1/blobs}),
 * always with the cluster token. Node failures become S3 errors here, in one place.
 */
public final class BlobClient {

  private static final Logger LOG = LoggerFactory.getLogger(BlobClient.class);
  private static final String BLOBS = "/internal/v1/blobs";

  /** Largest chunk an object body is streamed in, between client, control plane and nodes. */
  public static final int STREAM_CHUNK = 64 * 1024;

  /**
   * Bytes a connection may queue (to a node, or to a client) before its source is paused. Netty's
   * default (64 KiB high water mark) is one chunk: a large transfer then paused and resumed the
   * other side after almost every chunk. Per connection, so memory stays bounded by connections.
   */
  public static final int WRITE_QUEUE_BYTES = 1024 * 1024;

  /**
   * The smallest read worth asking a node for its blob's file (one more round trip on its Unix
   * socket, and an open): from here on, sending from the file saves more than that costs.
   */
  public static final long FILE_READ_MIN = 1024 * 1024;

  private final Vertx vertx;
  private final HttpClientAgent http;
  private final NodeRegistry nodes;
  private final ClusterToken token;
  private final boolean unixSockets;
  /** Nodes whose files this process may not open (another user's data directory): never asked again. */
  private final Set<String> filesDenied = ConcurrentHashMap.newKeySet();
  /** Bytes asked of blobs, by how they travel: streamed from a node, or sent from its file. */
  private final Counter fromNodes;
  private final Counter fromFiles;

  public BlobClient(Vertx vertx, NodeRegistry nodes, ClusterToken token, MeterRegistry metrics) {
    this.vertx = vertx;
    this.fromNodes = readBytes(metrics, "node");
    this.fromFiles = readBytes(metrics, "file");
    this.http = vertx.createHttpClient(new HttpClientOptions()
        .setKeepAlive(true)
        .setTcpNoDelay(true)
        .setMaxChunkSize(STREAM_CHUNK)
        .setConnectTimeout(5_000)
        .setIdleTimeout(60), new io.vertx.core.http.PoolOptions().setHttp1MaxSize(64));
    this.nodes = nodes;
    this.token = token;
    this.unixSockets = vertx.isNativeTransportEnabled();
  }

  /**
   * Opens a PUT of a new blob. The caller writes the bytes (respecting back-pressure) and ends the
   * request; {@link HttpClientRequest#response()} completes when the node has fsynced them.
   */
  public Future<HttpClientRequest> openPut(NodeRecord node, String blobId, long expectedSize) {
    return http.request(options(node, HttpMethod.PUT, BLOBS + "/" + blobId)).map(request -> {
      request.setWriteQueueMaxSize(WRITE_QUEUE_BYTES);
      if (expectedSize >= 0) {
        request.putHeader("content-length", Long.toString(expectedSize));
        request.putHeader("x-minicloud-expected-size", Long.toString(expectedSize));
      } else {
        request.setChunked(true);
      }
      return request;
    }).recover(e -> Future.failedFuture(unavailable(node.nodeId(), e)));
  }

  /** Checks a PUT's answer: 201 means stored and fsynced. */
  public static Future<Void> expectStored(HttpClientResponse response, String nodeId) {
    if (response.statusCode() == 201) {
      return response.body().mapEmpty();
    }
    return response.body().compose(body -> Future.failedFuture(new ApiException(S3ErrorCode.INTERNAL_ERROR,
        "Storage node " + nodeId + " did not store the data (HTTP " + response.statusCode() + ")")));
  }

  private static Counter readBytes(MeterRegistry metrics, String via) {
    return Counter.builder("minicloud.blob.read.bytes").baseUnit("bytes").tag("via", via)
        .description("Bytes of blobs the control plane read: streamed from a storage node, or sent to a client from the node's file on this host")
        .register(metrics);
  }

  /** Reads {@code [start, endInclusive]} of a segment's blob; the response body streams. */
  public Future<HttpClientResponse> get(Segment segment, long start, long endInclusive) {
    NodeRecord node = liveNode(segment);
    fromNodes.increment(endInclusive - start + 1);
    RequestOptions options = options(node, HttpMethod.GET, BLOBS + "/" + segment.blobId());
    if (start > 0 || endInclusive < segment.size() - 1) {
      options.putHeader("range", "bytes=" + start + "-" + endInclusive);
    }
    return http.request(options)
        .compose(HttpClientRequest::send)
        .recover(e -> Future.failedFuture(unavailable(node.nodeId(), e)))
        .compose(response -> {
          if (response.statusCode() == 200 || response.statusCode() == 206) {
            return Future.succeededFuture(response);
          }
          return response.body().compose(b -> Future.failedFuture(new ApiException(S3ErrorCode.INTERNAL_ERROR,
              "Storage node " + node.nodeId() + " could not read the data (HTTP " + response.statusCode() + ")")));
        });
  }

  /**
   * A segment's blob file, opened for reading, when the first live replica is a node on this host
   * that names its file ({@code GET .../blobs/{id}/file}, answered only on its Unix socket) and this
   * process may open it. A large read then goes from the page cache to the client with
   * {@code sendfile}: no copy through the node, its socket and two of our buffers. Fails when any
   * of that does not hold; the caller then streams the bytes from the node with {@link #get}.
   * {@code length} is what the caller will send from it, for the metric.
   */
  public Future<FileChannel> openFile(Segment segment, long length) {
    NodeRecord node;
    try {
      node = liveNode(segment);
    } catch (ApiException unavailable) {
      return Future.failedFuture(unavailable);
    }
    if (!unixSockets || node.localSocket().isEmpty() || filesDenied.contains(node.nodeId())) {
      return Future.failedFuture(new IllegalStateException("no local file for blob " + segment.blobId()));
    }
    RequestOptions options = options(node, HttpMethod.GET, BLOBS + "/" + segment.blobId() + "/file");
    return http.request(options)
        .compose(HttpClientRequest::send)
        .compose(response -> response.body().compose(body -> response.statusCode() == 200
            ? Future.succeededFuture(body.toJsonObject())
            : Future.failedFuture(new IllegalStateException("node " + node.nodeId() + " named no file for blob "
                + segment.blobId() + " (HTTP " + response.statusCode() + ")"))))
        .compose(file -> vertx.executeBlocking(() -> open(node, segment, Path.of(file.getString("path"))), false))
        .onSuccess(opened -> fromFiles.increment(length));
  }

  private FileChannel open(NodeRecord node, Segment segment, Path path) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(path, StandardOpenOption.READ);
    } catch (AccessDeniedException e) {
      if (filesDenied.add(node.nodeId())) {
        LOG.info("Streaming reads from storage node {}: this process may not open its files ({})",
            node.nodeId(), e.getMessage());
      }
      throw e;
    }
    if (channel.size() != segment.size()) { // not the blob the object was written with: let the node say
      channel.close();
      throw new IOException("blob file " + path + " has " + channel.size() + " bytes, expected " + segment.size());
    }
    return channel;
  }

  /**
   * Deletes a segment's blob on every replica; failures are logged (the garbage collector removes
   * orphans later), never raised.
   */
  public Future<Void> delete(Segment segment) {
    List<Future<Void>> deletes = new ArrayList<>();
    for (String nodeId : segment.nodeIds()) {
      NodeRecord node = nodes.get(nodeId).orElse(null);
      if (node == null) {
        continue;
      }
      RequestOptions options = options(node, HttpMethod.DELETE, BLOBS + "/" + segment.blobId());
      deletes.add(http.request(options).compose(HttpClientRequest::send).compose(HttpClientResponse::body)
          .<Void>mapEmpty()
          .recover(e -> {
            LOG.warn("could not delete blob {} on {}: {}", segment.blobId(), nodeId, e.toString());
            return Future.succeededFuture();
          }));
    }
    return Future.join(deletes).mapEmpty();
  }

  /** A blob as a storage node lists it. */
  public record StoredBlob(String blobId, long size, Instant modifiedAt) {}

  /** One page of a node's blobs, in id order; {@code nextAfter} is null on the last page. */
  public record BlobPage(List<StoredBlob> blobs, String nextAfter) {}

  /** Lists a node's blobs after {@code after} (null: from the first), for the garbage collector. */
  public Future<BlobPage> list(NodeRecord node, String after, int limit) {
    RequestOptions options = options(node, HttpMethod.GET, BLOBS + "?limit=" + limit + (after == null ? "" : "&after=" + after));
    return http.request(options)
        .compose(HttpClientRequest::send)
        .compose(response -> response.body().compose(body -> {
          if (response.statusCode() != 200) {
            return Future.failedFuture(new IllegalStateException("storage node " + node.nodeId()
                + " could not list its blobs (HTTP " + response.statusCode() + ")"));
          }
          JsonObject json = body.toJsonObject();
          List<StoredBlob> blobs = new ArrayList<>();
          for (Object item : json.getJsonArray("blobs")) {
            JsonObject blob = (JsonObject) item;
            blobs.add(new StoredBlob(blob.getString("blobId"), blob.getLong("size"),
                Instant.parse(blob.getString("modifiedAt"))));
          }
          return Future.succeededFuture(new BlobPage(blobs, json.getString("nextAfter")));
        }));
  }

  public Future<Void> close() {
    return http.close();
  }

  /** The first replica whose node is up. */
  private NodeRecord liveNode(Segment segment) {
    for (String nodeId : segment.nodeIds()) {
      NodeRecord node = nodes.get(nodeId).orElse(null);
      if (node != null && node.state() == NodeState.UP) {
        return node;
      }
    }
    throw new ApiException(S3ErrorCode.SERVICE_UNAVAILABLE,
        "No storage node holding this object is available; try again later.");
  }

  /**
   * A request to a path of the node's internal API, with the cluster token: over its Unix socket
   * when it is on this host and serves one (same HTTP, Host header and token; no TCP/IP stack on
   * either side: about half the CPU of streaming a large blob), else over TCP.
   */
  private RequestOptions options(NodeRecord node, HttpMethod method, String pathAndQuery) {
    RequestOptions options = new RequestOptions().setMethod(method).setAbsoluteURI(node.endpoint() + pathAndQuery)
        .putHeader(ClusterToken.HEADER, token.value());
    if (unixSockets) {
      node.localSocket().ifPresent(path -> options.setServer(SocketAddress.domainSocketAddress(path)));
    }
    return options;
  }

  private static ApiException unavailable(String nodeId, Throwable cause) {
    return new ApiException(S3ErrorCode.SERVICE_UNAVAILABLE,
        "Storage node " + nodeId + " is not reachable; try again later.", cause);
  }
}
