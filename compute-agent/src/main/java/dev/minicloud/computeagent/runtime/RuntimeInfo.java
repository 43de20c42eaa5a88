package dev.minicloud.computeagent.runtime;

/**
 * What the container engine offers.
 *
 * @param cpus CPUs the engine can use
 * @param memoryBytes memory the engine can use
 * @param serverVersion the engine's version, e.g. {@code 20.10.24}
 */
public record RuntimeInfo(int cpus, long memoryBytes, String serverVersion) {}
