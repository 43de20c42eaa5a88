package dev.minicloud.controlplane.storage.blob;

import java.util.List;

/**
 * A run of an object's bytes stored as one blob, with identical copies on each replica node. A
 * single PUT is one segment; a multipart object is its parts' segments in order (a manifest: parts
 * are never copied).
 *
 * @param blobId the blob's random id (the same on every replica)
 * @param size bytes in this segment
 * @param nodeIds the storage nodes holding a copy; their endpoints are looked up when reading, since
 *     a node may come back on another port
 */
public record Segment(String blobId, long size, List<String> nodeIds) {

  public Segment {
    nodeIds = List.copyOf(nodeIds);
  }
}
