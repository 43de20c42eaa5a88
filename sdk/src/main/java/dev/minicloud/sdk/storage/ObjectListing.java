package dev.minicloud.sdk.storage;

import java.util.List;

/**
 * One page of ListObjectsV2.
 *
 * @param objects the objects of this page, in key order
 * @param commonPrefixes the "directories" rolled up by the delimiter, in order
 * @param truncated whether more pages follow
 * @param nextContinuationToken the token of the next page, null on the last
 */
public record ObjectListing(List<ObjectSummary> objects, List<String> commonPrefixes, boolean truncated,
    String nextContinuationToken) {}
