package dev.minicloud.computeagent.runtime;

/**
 * What a command run inside a container produced.
 *
 * @param exitCode its exit code, or null when it did not finish in time
 * @param stdout its standard output (UTF-8, possibly truncated)
 * @param stderr its standard error (UTF-8, possibly truncated)
 * @param timedOut true when the timeout passed first
 */
public record ExecResult(Integer exitCode, String stdout, String stderr, boolean timedOut) {}
