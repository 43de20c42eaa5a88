package dev.minicloud.cli.iam;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code minicloud iam ...}: accounts, users, groups, access keys, policies, simulation. */
@Command(name = "iam", mixinStandardHelpOptions = true,
    description = "Identity and access: accounts (platform root), users, groups, access keys, policies, simulate.")
public final class IamCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  /** The {@code iam} command with its subcommands. */
  public static CommandLine commandLine() {
    return new CommandLine(new IamCommand())
        .addSubcommand("accounts", group(new AccountsCommands())
            .addSubcommand("ls", new AccountsCommands.Ls())
            .addSubcommand("create", new AccountsCommands.Create())
            .addSubcommand("describe", new AccountsCommands.Describe())
            .addSubcommand("suspend", new AccountsCommands.Suspend())
            .addSubcommand("reactivate", new AccountsCommands.Reactivate())
            .addSubcommand("delete", new AccountsCommands.Delete()))
        .addSubcommand("users", group(new UsersCommands())
            .addSubcommand("ls", new UsersCommands.Ls())
            .addSubcommand("create", new UsersCommands.Create())
            .addSubcommand("get", new UsersCommands.Get())
            .addSubcommand("delete", new UsersCommands.Delete()))
        .addSubcommand("groups", group(new GroupsCommands())
            .addSubcommand("ls", new GroupsCommands.Ls())
            .addSubcommand("create", new GroupsCommands.Create())
            .addSubcommand("get", new GroupsCommands.Get())
            .addSubcommand("delete", new GroupsCommands.Delete())
            .addSubcommand("add-user", new GroupsCommands.AddUser())
            .addSubcommand("remove-user", new GroupsCommands.RemoveUser())
            .addSubcommand("for-user", new GroupsCommands.ForUser())
            .addSubcommand("attach", new GroupsCommands.Attach())
            .addSubcommand("detach", new GroupsCommands.Detach())
            .addSubcommand("attached", new GroupsCommands.Attached())
            .addSubcommand("put-policy", new GroupsCommands.PutPolicy())
            .addSubcommand("get-policy", new GroupsCommands.GetPolicy())
            .addSubcommand("delete-policy", new GroupsCommands.DeletePolicy())
            .addSubcommand("policies", new GroupsCommands.Policies()))
        .addSubcommand("access-keys", group(new AccessKeysCommands())
            .addSubcommand("ls", new AccessKeysCommands.Ls())
            .addSubcommand("create", new AccessKeysCommands.Create())
            .addSubcommand("activate", new AccessKeysCommands.SetStatus(true))
            .addSubcommand("deactivate", new AccessKeysCommands.SetStatus(false))
            .addSubcommand("delete", new AccessKeysCommands.Delete()))
        .addSubcommand("policies", group(new PoliciesCommands())
            .addSubcommand("ls", new PoliciesCommands.Ls())
            .addSubcommand("create", new PoliciesCommands.Create())
            .addSubcommand("delete", new PoliciesCommands.Delete())
            .addSubcommand("attach", new PoliciesCommands.Attach())
            .addSubcommand("detach", new PoliciesCommands.Detach())
            .addSubcommand("attached", new PoliciesCommands.Attached())
            .addSubcommand("put-user-policy", new PoliciesCommands.PutUserPolicy())
            .addSubcommand("get-user-policy", new PoliciesCommands.GetUserPolicy())
            .addSubcommand("delete-user-policy", new PoliciesCommands.DeleteUserPolicy()))
        .addSubcommand("simulate", new SimulateCommand());
  }

  private static CommandLine group(Object command) {
    return new CommandLine(command);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A command that only groups subcommands: prints its usage. */
  abstract static class Group implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(spec.commandLine().getOut());
    }
  }
}
