package dev.minicloud.sdk.compute;

/**
 * A container port published on the agent's host: connect to {@code hostAddress:hostPort}. Host
 * ports change on every start and reboot; they are absent while the instance is stopped.
 *
 * @param containerPort the instance's TCP port
 * @param hostAddress the address it is published on (127.0.0.1 by default)
 * @param hostPort the host port the engine chose
 */
public record PortMapping(int containerPort, String hostAddress, int hostPort) {}
