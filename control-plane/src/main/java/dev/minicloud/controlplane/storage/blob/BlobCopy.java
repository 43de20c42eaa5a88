package dev.minicloud.controlplane.storage.blob;

import dev.minicloud.controlplane.cluster.NodeRecord;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Copies a byte range of existing segments into a new blob on the chosen nodes (CopyObject,
 * UploadPartCopy), streaming node to node through the control plane with back-pressure; the bytes
 * pass {@code observer} (digests) on the way, or a {@link Pass} that may also change them (server-side
 * encryption decrypts and re-encrypts there). Blobs are immutable and owned by one object, so a copy
 * is a real copy.
 */
public final class BlobCopy {

  private BlobCopy() {}

  /** What happens to the bytes of one source segment on their way to the target. */
  public interface Pass {

    /**
     * The function the bytes read from {@code segment}, starting at its byte {@code from}, go
     * through; it returns what is written to the target. Called for each segment in order.
     */
    UnaryOperator<Buffer> segment(Segment segment, long from);

    /** Bytes copied as they are, seen by {@code observer}. */
    static Pass observing(Consumer<Buffer> observer) {
      return (segment, from) -> buffer -> {
        observer.accept(buffer);
        return buffer;
      };
    }
  }

  public static Future<Segment> copy(BlobClient blobs, List<Segment> source, long start, long endInclusive,
      List<NodeRecord> targets, String blobId, Consumer<Buffer> observer) {
    return copy(blobs, source, start, endInclusive, targets, blobId, Pass.observing(observer));
  }

  public static Future<Segment> copy(BlobClient blobs, List<Segment> source, long start, long endInclusive,
      List<NodeRecord> targets, String blobId, Pass pass) {
    long length = endInclusive - start + 1;
    List<Future<HttpClientRequest>> opened = new ArrayList<>();
    for (NodeRecord node : targets) {
      opened.add(blobs.openPut(node, blobId, length));
    }
    List<String> nodeIds = targets.stream().map(NodeRecord::nodeId).toList();
    return Future.all(opened).compose(all -> {
      List<HttpClientRequest> requests = all.list();
      List<Future<Void>> acks = new ArrayList<>();
      for (int i = 0; i < requests.size(); i++) {
        String nodeId = nodeIds.get(i);
        acks.add(requests.get(i).response().compose(r -> BlobClient.expectStored(r, nodeId)));
      }
      Future<Void> chain = Future.succeededFuture();
      long offset = 0;
      for (Segment segment : source) {
        long segStart = offset;
        long segEnd = offset + segment.size() - 1;
        offset += segment.size();
        if (segEnd < start || segStart > endInclusive) {
          continue;
        }
        long from = Math.max(start, segStart) - segStart;
        long to = Math.min(endInclusive, segEnd) - segStart;
        chain = chain.compose(v -> blobs.get(segment, from, to)
            .compose(body -> forward(body, requests, pass.segment(segment, from))));
      }
      return chain
          .compose(v -> Future.all(requests.stream().map(HttpClientRequest::end).toList()))
          .compose(v -> Future.all(acks))
          .map(v -> new Segment(blobId, length, nodeIds))
          .onFailure(e -> requests.forEach(r -> r.reset()));
    }).recover(failure -> {
      blobs.delete(new Segment(blobId, 0, nodeIds));
      return Future.failedFuture(failure);
    });
  }

  /** Writes one source response to every target, pausing the source while any target is full. */
  private static Future<Void> forward(HttpClientResponse body, List<HttpClientRequest> targets,
      UnaryOperator<Buffer> pass) {
    Promise<Void> done = Promise.promise();
    ReplicaWriter writer = new ReplicaWriter(targets, body);
    body.handler(buffer -> writer.write(pass.apply(buffer)));
    body.exceptionHandler(done::tryFail);
    body.endHandler(v -> done.tryComplete());
    return done.future();
  }
}
