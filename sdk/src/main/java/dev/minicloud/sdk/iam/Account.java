package dev.minicloud.sdk.iam;

import java.time.Instant;

/**
 * An account (tenant).
 *
 * @param accountId 12 digits
 * @param name its name
 * @param status {@code Active} or {@code Suspended}
 * @param platformRoot true for the platform's own account
 * @param createdAt when it was created
 */
public record Account(String accountId, String name, String status, boolean platformRoot, Instant createdAt) {}
