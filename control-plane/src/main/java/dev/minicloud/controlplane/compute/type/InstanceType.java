package dev.minicloud.controlplane.compute.type;

/**
 * An instance type: what an instance may use. Also the JSON of {@code GET /compute/v1/instance-types}.
 *
 * @param instanceType its name, e.g. {@code small}
 * @param cpuMillis CPU quota in thousandths of a CPU (1000 = one vCPU)
 * @param memoryBytes memory limit; swap is limited to the same (no swap beyond memory)
 * @param pidsLimit most processes at once
 */
public record InstanceType(String instanceType, long cpuMillis, long memoryBytes, long pidsLimit) {

  /** vCPUs as a decimal, e.g. 0.25. */
  public double vcpus() {
    return cpuMillis / 1000.0;
  }

  /** Memory in MiB. */
  public long memoryMiB() {
    return memoryBytes >> 20;
  }
}
