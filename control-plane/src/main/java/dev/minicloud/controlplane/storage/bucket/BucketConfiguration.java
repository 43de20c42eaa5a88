package dev.minicloud.controlplane.storage.bucket;

import io.vertx.core.buffer.Buffer;

/** Reads the LocationConstraint of a CreateBucket request's optional CreateBucketConfiguration. */
final class BucketConfiguration {

  private BucketConfiguration() {}

  /** The requested region, or null when the body is empty. */
  static String locationConstraint(Buffer body) {
    return null;
  }
}
