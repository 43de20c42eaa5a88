package dev.minicloud.controlplane.identity;

import java.time.Instant;

/** An account (tenant) as stored in the ACCOUNTS table, keyed by account id. */
public record AccountRecord(String accountId, String name, Status status, boolean platformRoot, Instant createdAt) {

  public enum Status { ACTIVE, SUSPENDED }
}
