/**
 * Container instances (a later issue): the EC2-like lifecycle (pending, running, stopping, stopped,
 * shutting-down, terminated) of containers labelled with their instance id and account, rebuilt
 * from those labels after a restart, with instance types mapped to CPU, memory and pids limits.
 * Built on {@link dev.minicloud.computeagent.runtime.ContainerRuntime}, never on docker-java directly,
 * and exposed under {@code /internal/v1/instances/} in {@link dev.minicloud.computeagent.http.ComputeAgentRouter}.
 * Nothing here yet.
 */
package dev.minicloud.computeagent.instance;
