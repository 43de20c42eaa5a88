package dev.minicloud.sdk.storage;

import java.time.Instant;

/**
 * A bucket as ListBuckets reports it.
 *
 * @param name the bucket name
 * @param creationDate when it was created
 */
public record Bucket(String name, Instant creationDate) {}
