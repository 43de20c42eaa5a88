package dev.minicloud.sdk.storage;

import java.time.Instant;

/**
 * An object as a listing reports it.
 *
 * @param key the object key
 * @param size its size in bytes
 * @param etag its entity tag, without quotes
 * @param lastModified when it was written
 */
public record ObjectSummary(String key, long size, String etag, Instant lastModified) {}
