package dev.minicloud.sdk.compute;

/**
 * The outcome of a command run in an instance. Each stream is cut at 1 MiB.
 *
 * @param exitCode the command's exit status; null when it timed out
 * @param stdout what it wrote to stdout
 * @param stderr what it wrote to stderr
 * @param timedOut true when the timeout passed first (the command is not killed)
 */
public record ExecResult(Integer exitCode, String stdout, String stderr, boolean timedOut) {}
