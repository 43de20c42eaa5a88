package dev.minicloud.sdk.compute;

import java.time.Instant;

/**
 * The last lines an instance wrote to stdout and stderr (user data's output included).
 *
 * @param instanceId the instance
 * @param timestamp when the output was read
 * @param output the lines, newline-separated
 */
public record ConsoleOutput(String instanceId, Instant timestamp, String output) {}
