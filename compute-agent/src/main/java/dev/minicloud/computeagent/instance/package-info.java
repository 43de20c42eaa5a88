/**
 * Container instances on this agent: the EC2-like lifecycle of containers labelled with their
 * instance id, account and agent ({@link dev.minicloud.computeagent.instance.InstanceLabels}). The
 * agent keeps no state of its own: every answer is read back from the engine by label, so a
 * restarted agent knows exactly what it knew before. Built on
 * {@link dev.minicloud.computeagent.runtime.ContainerRuntime}, never on docker-java directly, and
 * exposed under {@code /internal/v1/instances} in {@link dev.minicloud.computeagent.http.ComputeAgentRouter}.
 */
package dev.minicloud.computeagent.instance;
