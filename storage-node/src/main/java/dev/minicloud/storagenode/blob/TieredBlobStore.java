package dev.minicloud.storagenode.blob;

import dev.minicloud.common.error.ApiException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The node's {@link BlobStore}: a blob whose announced size is at most
 * {@link SmallBlobStore#MAX_BYTES} goes to RocksDB ({@link SmallBlobStore}), any other (larger, or
 * of unknown size: chunked) to files ({@link FileBlobStore}), streamed as before. Callers see one
 * store: an id exists at most once across both tiers (shared write reservations, and each tier's
 * commit checks the other), reads and deletes find a blob wherever it is, and the listing merges
 * both tiers in id order.
 */
public final class TieredBlobStore implements BlobStore {

  private final SmallBlobStore small;
  private final FileBlobStore large;

  TieredBlobStore(SmallBlobStore small, FileBlobStore large) {
    this.small = Objects.requireNonNull(small, "small");
    this.large = Objects.requireNonNull(large, "large");
  }

  /** Both tiers wired together: they share {@code files}' write reservations and check each other. */
  public static TieredBlobStore create(Vertx vertx, BlobFiles files, SmallBlobs smallBlobs, Clock clock) {
    return new TieredBlobStore(
        new SmallBlobStore(vertx, smallBlobs, files.reservations(), files::exists, clock),
        new FileBlobStore(vertx, files, smallBlobs::contains));
  }

  @Override
  public Future<BlobUpload> create(String blobId, Long announcedSize) {
    return SmallBlobStore.accepts(announcedSize) ? small.create(blobId, announcedSize) : large.create(blobId, announcedSize);
  }

  /** Small blobs first: they are the many, and a miss there costs one Bloom filter probe. */
  @Override
  public Future<OpenBlob> open(String blobId) {
    return small.open(blobId).recover(e -> isNoSuchBlob(e) ? large.open(blobId) : Future.failedFuture(e));
  }

  @Override
  public Future<Boolean> delete(String blobId) {
    return small.delete(blobId).compose(existed -> existed ? Future.succeededFuture(true) : large.delete(blobId));
  }

  @Override
  public Future<BlobPage> list(String after, int limit) {
    if (limit < 1) {
      return Future.failedFuture(new IllegalArgumentException("limit must be positive: " + limit));
    }
    Future<BlobPage> smallPage = small.list(after, limit);
    Future<BlobPage> largePage = large.list(after, limit);
    return Future.all(smallPage, largePage).map(both -> merge(smallPage.result(), largePage.result(), limit));
  }

  /**
   * The first {@code limit} blobs of two pages that each start after the same id. The merged page
   * ends at its last blob whenever either page had more: each page holds every blob of its tier up
   * to its own end, and the merged page's end is never past either end (it takes the {@code limit}
   * smallest ids, and a page with more has {@code limit} ids).
   */
  static BlobPage merge(BlobPage a, BlobPage b, int limit) {
    List<BlobInfo> merged = new ArrayList<>(Math.min(limit, a.blobs().size() + b.blobs().size()));
    int i = 0;
    int j = 0;
    while (merged.size() < limit && (i < a.blobs().size() || j < b.blobs().size())) {
      BlobInfo next;
      if (j >= b.blobs().size()) {
        next = a.blobs().get(i++);
      } else if (i >= a.blobs().size()) {
        next = b.blobs().get(j++);
      } else {
        int order = a.blobs().get(i).blobId().compareTo(b.blobs().get(j).blobId());
        next = order <= 0 ? a.blobs().get(i++) : b.blobs().get(j++);
        if (order == 0) {
          j++; // in both tiers (never written so): listed once; each delete removes one copy until none is left
        }
      }
      merged.add(next);
    }
    boolean more = i < a.blobs().size() || j < b.blobs().size() || a.nextAfter() != null || b.nextAfter() != null;
    return new BlobPage(merged, more && !merged.isEmpty() ? merged.get(merged.size() - 1).blobId() : null);
  }

  private static boolean isNoSuchBlob(Throwable e) {
    return e instanceof ApiException api && api.errorCode() == BlobErrorCode.NO_SUCH_BLOB;
  }
}
