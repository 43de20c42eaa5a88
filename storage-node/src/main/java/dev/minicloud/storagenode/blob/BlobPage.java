package dev.minicloud.storagenode.blob;

import java.util.List;

/**
 * One page of the blob listing, in ascending id order.
 *
 * @param nextAfter the {@code after} of the next page, or null when this page is the last
 */
public record BlobPage(List<BlobInfo> blobs, String nextAfter) {

  public BlobPage {
    blobs = List.copyOf(blobs);
  }
}
