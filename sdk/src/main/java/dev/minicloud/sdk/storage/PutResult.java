package dev.minicloud.sdk.storage;

/**
 * The outcome of an upload.
 *
 * @param etag the object's entity tag, without quotes (a multipart ETag ends in {@code -<parts>})
 * @param parts the number of parts, 0 for a single PUT
 * @param uploadId the multipart upload id, null for a single PUT
 */
public record PutResult(String etag, int parts, String uploadId) {}
