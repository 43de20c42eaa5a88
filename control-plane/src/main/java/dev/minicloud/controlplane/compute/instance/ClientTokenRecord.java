package dev.minicloud.controlplane.compute.instance;

import java.time.Instant;
import java.util.List;

/**
 * A run call's client token (table INSTANCES, key {@code t/<account>/<token>}): the instances it
 * launched and a digest of its parameters, so a retry returns them and never launches a second set.
 */
public record ClientTokenRecord(String clientToken, String requestDigest, List<String> instanceIds, Instant createdAt) {}
