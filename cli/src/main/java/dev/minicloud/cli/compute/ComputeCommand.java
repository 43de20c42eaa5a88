package dev.minicloud.cli.compute;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code minicloud compute ...}: container instances in the style of EC2. */
@Command(name = "compute", mixinStandardHelpOptions = true,
    description = "Container instances: run, list, describe, stop, start, reboot, terminate, logs, exec; images and types.")
public final class ComputeCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** The {@code compute} command with its subcommands. */
  public static CommandLine commandLine() {
    return new CommandLine(new ComputeCommand())
        .addSubcommand("run", new RunCommand())
        .addSubcommand("ls", new LsCommand())
        .addSubcommand("describe", new DescribeCommand())
        .addSubcommand("stop", lifecycle(LifecycleCommand.Action.STOP))
        .addSubcommand("start", lifecycle(LifecycleCommand.Action.START))
        .addSubcommand("reboot", lifecycle(LifecycleCommand.Action.REBOOT))
        .addSubcommand("terminate", lifecycle(LifecycleCommand.Action.TERMINATE))
        .addSubcommand("logs", new LogsCommand())
        .addSubcommand("exec", new ExecCommand())
        .addSubcommand("images", new ImagesCommand())
        .addSubcommand("import-image", new ImportImageCommand())
        .addSubcommand("deregister-image", new DeregisterImageCommand())
        .addSubcommand("types", new TypesCommand());
  }

  private static CommandLine lifecycle(LifecycleCommand.Action action) {
    CommandLine cl = new CommandLine(new LifecycleCommand(action));
    cl.getCommandSpec().usageMessage().description(action.description);
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
