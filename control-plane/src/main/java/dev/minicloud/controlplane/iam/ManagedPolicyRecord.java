package dev.minicloud.controlplane.iam;

import java.time.Instant;

/** A customer managed policy, stored in the POLICIES table keyed {@code <account>/<name>}. */
public record ManagedPolicyRecord(String accountId, String policyName, String arn, String document,
    String description, Instant createdAt) {}
