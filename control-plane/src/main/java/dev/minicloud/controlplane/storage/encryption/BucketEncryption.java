package dev.minicloud.controlplane.storage.encryption;

/**
 * A bucket's default encryption (PutBucketEncryption), stored on its record: applied to every new
 * object whose request does not name an encryption itself.
 *
 * @param algorithm {@code AES256}, the only one supported
 * @param bucketKeyEnabled the {@code BucketKeyEnabled} the owner set (kept and echoed; it has no
 *     effect on SSE-S3, as on S3), or null when not given
 */
public record BucketEncryption(String algorithm, Boolean bucketKeyEnabled) {}
