package dev.minicloud.sdk.compute;

/**
 * What stop, start, reboot and terminate answer once the transition is complete.
 *
 * @param instanceId the instance
 * @param previousState its state before the call
 * @param currentState its state now
 */
public record StateChange(String instanceId, InstanceState previousState, InstanceState currentState) {}
