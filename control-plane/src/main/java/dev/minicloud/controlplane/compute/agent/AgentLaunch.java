package dev.minicloud.controlplane.compute.agent;

import java.util.List;

/** The body of an agent launch call ({@code POST /internal/v1/instances}). */
public record AgentLaunch(
    String instanceId, String accountId, String imageId, String image, String instanceType, long cpuMillis,
    long memoryBytes, long pidsLimit, String userData, List<Integer> ports) {}
