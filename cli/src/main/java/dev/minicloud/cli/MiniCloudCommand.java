package dev.minicloud.cli;

import picocli.CommandLine.Command;

/**
 * The {@code minicloud} command. Client subcommands (storage, compute, iam, usage...) hang off
 * this; the distribution adds the server subcommands ({@code server}, {@code storage-node},
 * {@code compute-agent}) when it builds the full command line.
 */
@Command(
    name = "minicloud",
    mixinStandardHelpOptions = true,
    versionProvider = MiniCloudVersion.class,
    description = "MiniCloud: S3-compatible storage and EC2-like container instances on your own machine.",
    subcommandsRepeatable = false)
public final class MiniCloudCommand implements Runnable {

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
