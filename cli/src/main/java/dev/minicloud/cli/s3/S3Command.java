package dev.minicloud.cli.s3;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code minicloud s3 ...}: buckets and objects, in the style of {@code aws s3}. */
@Command(name = "s3", mixinStandardHelpOptions = true,
    description = "Object storage: list, make and remove buckets; copy, move, remove, sync and presign objects.")
public final class S3Command implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** The {@code s3} command with its subcommands. */
  public static CommandLine commandLine() {
    return new CommandLine(new S3Command())
        .addSubcommand("ls", new LsCommand())
        .addSubcommand("mb", new MbCommand())
        .addSubcommand("rb", new RbCommand())
        .addSubcommand("cp", new CpCommand(false))
        .addSubcommand("mv", mv())
        .addSubcommand("rm", new RmCommand())
        .addSubcommand("sync", new SyncCommand())
        .addSubcommand("presign", new PresignCommand());
  }

  private static CommandLine mv() {
    CommandLine mv = new CommandLine(new CpCommand(true));
    mv.getCommandSpec().usageMessage().description(
        "Move files and objects (copy, then delete the source): local -> s3://, s3:// -> local, s3:// -> s3://.");
    return mv;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
