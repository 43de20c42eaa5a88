package dev.minicloud.controlplane.storage.gc;

import dev.minicloud.common.cluster.NodeKind;
import dev.minicloud.controlplane.cluster.NodeRecord;
import dev.minicloud.controlplane.cluster.NodeRegistry;
import dev.minicloud.controlplane.metadata.CloseableIterator;
import dev.minicloud.controlplane.metadata.Entry;
import dev.minicloud.controlplane.metadata.JsonRecords;
import dev.minicloud.controlplane.metadata.KeyRange;
import dev.minicloud.controlplane.metadata.MetadataStore;
import dev.minicloud.controlplane.metadata.Table;
import dev.minicloud.controlplane.storage.blob.BlobClient;
import dev.minicloud.controlplane.storage.blob.Segment;
import dev.minicloud.controlplane.storage.multipart.PartRecord;
import dev.minicloud.controlplane.storage.object.ObjectRecord;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reclaims blobs that no metadata refers to: bytes of uploads that crashed or failed before their
 * commit, and blobs whose delete did not reach a node (deletes remove metadata first and the bytes
 * afterwards, best effort).
 *
 * <p>One pass: note the cutoff (now minus the grace period), collect the ids of every blob that an
 * upload part or an object refers to (parts first, then objects, so that a multipart completion
 * running meanwhile is seen in one table or the other), then page through each live storage node's
 * blobs and delete those older than the cutoff that nothing refers to. The grace period protects
 * uploads still in flight, whose blobs exist before their metadata does. The referenced set is held
 * in memory: about 100 bytes per object, fine for the millions of objects one box holds.
 */
public final class BlobCollector {

  /** How often a pass runs. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(10);

  /** How old an unreferenced blob must be before it is deleted: longer than any upload may take. */
  public static final Duration DEFAULT_GRACE = Duration.ofHours(1);

  private static final Logger LOG = LoggerFactory.getLogger(BlobCollector.class);
  private static final int PAGE = 1000;

  /** What one pass did. */
  public record Result(int nodes, long blobsSeen, long blobsDeleted, long bytesReclaimed) {}

  private final Vertx vertx;
  private final MetadataStore store;
  private final JsonRecords records;
  private final NodeRegistry nodes;
  private final BlobClient blobs;
  private final Clock clock;
  private final AtomicBoolean running = new AtomicBoolean();

  public BlobCollector(Vertx vertx, MetadataStore store, NodeRegistry nodes, BlobClient blobs, Clock clock) {
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    this.store = Objects.requireNonNull(store, "store");
    this.records = new JsonRecords(store);
    this.nodes = Objects.requireNonNull(nodes, "nodes");
    this.blobs = Objects.requireNonNull(blobs, "blobs");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Runs a pass every {@code interval}, the first one interval after this call. */
  public long schedule(Duration interval, Duration grace) {
    return vertx.setPeriodic(interval.toMillis(), id -> collect(grace)
        .onSuccess(r -> {
          if (r.blobsDeleted() > 0) {
            LOG.info("garbage collector: deleted {} orphaned blobs ({} bytes) of {} on {} nodes",
                r.blobsDeleted(), r.bytesReclaimed(), r.blobsSeen(), r.nodes());
          }
        })
        .onFailure(e -> LOG.warn("garbage collector pass failed: {}", e.toString())));
  }

  /**
   * One pass, deleting unreferenced blobs older than {@code grace}. A pass that finds another one
   * still running does nothing and reports zeros.
   */
  public Future<Result> collect(Duration grace) {
    if (!running.compareAndSet(false, true)) {
      return Future.succeededFuture(new Result(0, 0, 0, 0));
    }
    Instant cutoff = clock.instant().minus(grace);
    return vertx.executeBlocking(this::referencedBlobs, false)
        .compose(referenced -> {
          Future<Result> chain = Future.succeededFuture(new Result(0, 0, 0, 0));
          for (NodeRecord node : nodes.up(NodeKind.STORAGE)) {
            chain = chain.compose(sum -> collectNode(node, null, referenced, cutoff, sum)
                .map(r -> new Result(r.nodes() + 1, r.blobsSeen(), r.blobsDeleted(), r.bytesReclaimed())));
          }
          return chain;
        })
        .onComplete(done -> running.set(false));
  }

  private Future<Result> collectNode(NodeRecord node, String after, Set<String> referenced, Instant cutoff,
      Result sum) {
    return blobs.list(node, after, PAGE).compose(page -> {
      long seen = sum.blobsSeen() + page.blobs().size();
      long deleted = sum.blobsDeleted();
      long bytes = sum.bytesReclaimed();
      Future<Void> deletes = Future.succeededFuture();
      for (BlobClient.StoredBlob blob : page.blobs()) {
        if (!referenced.contains(blob.blobId()) && blob.modifiedAt().isBefore(cutoff)) {
          deleted++;
          bytes += blob.size();
          deletes = deletes.compose(v -> blobs.delete(new Segment(blob.blobId(), blob.size(),
              java.util.List.of(node.nodeId()))));
        }
      }
      Result next = new Result(sum.nodes(), seen, deleted, bytes);
      return deletes.compose(v -> page.nextAfter() == null
          ? Future.succeededFuture(next)
          : collectNode(node, page.nextAfter(), referenced, cutoff, next));
    });
  }

  /** Ids of every blob that metadata refers to: parts of open uploads first, then objects. */
  private Set<String> referencedBlobs() {
    Set<String> referenced = new HashSet<>();
    try (CloseableIterator<Entry> parts = store.scan(Table.PARTS, KeyRange.all())) {
      while (parts.hasNext()) {
        PartRecord part = records.decode(Table.PARTS, parts.next().value(), PartRecord.class);
        referenced.add(part.segment().blobId());
      }
    }
    try (CloseableIterator<Entry> objects = store.scan(Table.OBJECTS, KeyRange.all())) {
      while (objects.hasNext()) {
        ObjectRecord object = records.decode(Table.OBJECTS, objects.next().value(), ObjectRecord.class);
        for (Segment segment : object.segments()) {
          referenced.add(segment.blobId());
        }
      }
    }
    return referenced;
  }
}
