package dev.minicloud.controlplane.audit;

import java.time.Instant;

/**
 * The seal of one hour of audit records: SHA-256 over the previous hour's digest and every record
 * of this hour in key order, so an edited, inserted or deleted record, or a removed hour, breaks
 * the chain from there on.
 *
 * @param hour start of the hour (UTC)
 * @param records how many records the hour held when sealed
 * @param previous the digest of the previous sealed hour (hex), or 64 zeros for the first
 * @param digest hex SHA-256 of previous + records
 * @param sealedAt when the seal was computed
 */
public record HourDigest(Instant hour, long records, String previous, String digest, Instant sealedAt) {

  public static final String GENESIS = "0".repeat(64);
}
