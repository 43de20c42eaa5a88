/**
 * The compute service ({@code /compute/v1}): EC2-like container instances. {@code type} is the
 * instance-type catalogue, {@code image} the machine-image catalogue, {@code placement} picks an
 * agent with room, {@code agent} is the client of the agents' internal API, and {@code instance}
 * holds the lifecycle, its records (table INSTANCES) and the reconciler.
 */
package dev.minicloud.controlplane.compute;
