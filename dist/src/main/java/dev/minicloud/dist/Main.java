package dev.minicloud.dist;

import dev.minicloud.cli.MiniCloudCommand;
import picocli.CommandLine;

/**
 * Entry point of the {@code minicloud} command: the client subcommands from the CLI module plus
 * the server roles ({@code server}, {@code control-plane}, {@code storage-node}, {@code compute-agent}).
 */
public final class Main {

  private Main() {}

  public static CommandLine commandLine() {
    CommandLine minicloud = MiniCloudCommand.commandLine()
        .addSubcommand("server", new ServerCommand())
        .addSubcommand("control-plane", new ControlPlaneCommand())
        .addSubcommand("storage-node", new StorageNodeCommand())
        .addSubcommand("compute-agent", new ComputeAgentCommand());
    minicloud.getSubcommands().get("admin").addSubcommand("rotate-master-key", new RotateMasterKeyCommand());
    return minicloud;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
