package dev.minicloud.sdk.compute;

/**
 * An instance type: the limits every instance of it runs under.
 *
 * @param instanceType its name, e.g. {@code small}
 * @param vcpus CPUs, e.g. 0.25
 * @param cpuMillis CPU quota in thousandths of a CPU
 * @param memoryMiB memory (and swap) limit in MiB
 * @param memoryBytes the same in bytes
 * @param pidsLimit most processes at once
 */
public record InstanceTypeInfo(String instanceType, double vcpus, long cpuMillis, long memoryMiB, long memoryBytes,
    long pidsLimit) {}
