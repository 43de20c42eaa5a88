package dev.minicloud.sdk.admin;

import java.time.Instant;
import java.util.Map;

/**
 * A storage node or compute agent as the control plane knows it ({@code GET /admin/v1/nodes}).
 *
 * @param nodeId the node's stable id
 * @param kind {@code STORAGE} or {@code COMPUTE}
 * @param state {@code UP} or {@code DOWN}
 * @param endpoint the node's internal endpoint
 * @param socket the Unix socket the node also serves on (used by a control plane on its host), or null
 * @param version the node's software version
 * @param capacity what the node reports (disk bytes, CPUs, ...)
 * @param registeredAt when it first joined
 * @param startedAt when its process started
 * @param lastHeartbeat its last heartbeat
 */
public record NodeInfo(String nodeId, String kind, String state, String endpoint, String socket, String version,
    Map<String, Object> capacity, Instant registeredAt, Instant startedAt, Instant lastHeartbeat) {}
