package dev.minicloud.controlplane.storage.blob;

import dev.minicloud.common.cluster.NodeKind;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.controlplane.cluster.NodeRecord;
import dev.minicloud.controlplane.cluster.NodeRegistry;
import dev.minicloud.controlplane.s3.S3ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the storage nodes for a new blob by rendezvous (highest-random-weight) hashing over the
 * nodes that are up: every node scores {@code hash(nodeId, blobId)} and the top {@code replicas}
 * win. Adding or losing a node moves only the blobs whose winner changes.
 */
public final class BlobPlacement {

  private final NodeRegistry nodes;
  private final int replicas;

  public BlobPlacement(NodeRegistry nodes, int replicas) {
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be >= 1");
    }
    this.nodes = nodes;
    this.replicas = replicas;
  }

  public List<NodeRecord> choose(String blobId) {
    List<NodeRecord> up = nodes.up(NodeKind.STORAGE);
    if (up.size() < replicas) {
      throw new ApiException(S3ErrorCode.SERVICE_UNAVAILABLE, "Not enough storage nodes are up (" + up.size()
          + " of the " + replicas + " replicas needed); try again later.");
    }
    return up.stream()
        .sorted(Comparator.comparingLong((NodeRecord n) -> score(n.nodeId(), blobId)).reversed()
            .thenComparing(NodeRecord::nodeId))
        .limit(replicas)
        .toList();
  }

  /** A 64-bit FNV-1a hash of "nodeId/blobId", finished with a murmur-style mix for spread. */
  static long score(String nodeId, String blobId) {
    long h = 0xcbf29ce484222325L;
    for (byte b : (nodeId + "/" + blobId).getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }
}
