package dev.minicloud.controlplane.storage.blob;

import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.cluster.NodeRecord;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Streams one request body into a new blob on every chosen node (the replicas) at once, with
 * back-pressure: the client is paused while any node's write queue is full. Completes when every
 * node has fsynced the blob; on any failure the partial blobs are deleted and nothing is visible.
 * The bytes pass through {@code observer} (digests) after the transform (aws-chunked decoding).
 */
public final class BlobUpload {

  private BlobUpload() {}


  public static Future<Segment> run(BlobClient blobs, List<NodeRecord> nodes, String blobId, long expectedSize,
      HttpServerRequest source, BodyTransform transform, Consumer<Buffer> observer) {
    source.pause();
    List<Future<HttpClientRequest>> opened = new ArrayList<>();
    for (NodeRecord node : nodes) {
      opened.add(blobs.openPut(node, blobId, expectedSize));
    }
    List<String> nodeIds = nodes.stream().map(NodeRecord::nodeId).toList();
    return Future.all(opened).compose(all -> {
      List<HttpClientRequest> targets = all.list();
      Promise<Long> streamed = Promise.promise();
      long[] size = {0};
      ReplicaWriter writer = new ReplicaWriter(targets, source);
      Consumer<Buffer> write = decoded -> {
        size[0] += decoded.length();
        observer.accept(decoded);
        writer.write(decoded);
      };
      source.handler(received -> {
        if (streamed.future().isComplete()) {
          return;
        }
        try {
          transform.feed(received, write);
        } catch (RuntimeException e) {
          streamed.tryFail(e);
          targets.forEach(t -> t.reset());
        }
      });
      source.exceptionHandler(e -> {
        streamed.tryFail(new ApiException(S3ErrorCode.INCOMPLETE_BODY, "The request body was cut off."));
        targets.forEach(t -> t.reset());
      });
      source.endHandler(v -> {
        if (streamed.future().isComplete()) {
          return;
        }
        try {
          transform.finish(write);
          if (expectedSize >= 0 && size[0] != expectedSize) {
            throw new ApiException(S3ErrorCode.INCOMPLETE_BODY,
                "You did not provide the number of bytes specified by the Content-Length HTTP header.");
          }
          targets.forEach(HttpClientRequest::end);
          streamed.tryComplete(size[0]);
        } catch (RuntimeException e) {
          streamed.tryFail(e);
          targets.forEach(t -> t.reset());
        }
      });
      List<Future<Void>> acks = new ArrayList<>();
      for (int i = 0; i < targets.size(); i++) {
        String nodeId = nodes.get(i).nodeId();
        acks.add(targets.get(i).response().compose(r -> BlobClient.expectStored(r, nodeId)));
      }
      source.resume();
      return streamed.future().compose(total -> Future.all(acks).map(ok -> new Segment(blobId, total, nodeIds)));
    }).recover(failure -> {
      blobs.delete(new Segment(blobId, 0, nodeIds));
      return Future.failedFuture(failure);
    });
  }
}
