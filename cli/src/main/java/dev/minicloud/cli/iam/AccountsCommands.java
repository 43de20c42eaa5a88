package dev.minicloud.cli.iam;

import dev.minicloud.cli.CliContext;
import dev.minicloud.cli.ClientCommand;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.iam.Account;
import dev.minicloud.sdk.iam.NewAccount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code minicloud iam accounts ls|create|describe|suspend|reactivate|delete}. */
@Command(name = "accounts", mixinStandardHelpOptions = true, description = "Accounts (tenants); platform root only.")
final class AccountsCommands extends IamCommand.Group {

  static final List<String> COLUMNS = List.of("ACCOUNT", "NAME", "STATUS", "CREATED");

  static void print(CliContext ctx, List<Account> accounts, Object json) {
    List<List<String>> rows = new ArrayList<>();
    accounts.forEach(a -> rows.add(List.of(a.accountId(), ClientCommand.cell(a.name()), ClientCommand.cell(a.status()),
        ClientCommand.cell(a.createdAt()))));
    ctx.print(COLUMNS, rows, json);
  }

  @Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true, description = "List accounts.")
  static final class Ls extends ClientCommand {
    @Override
    protected int run(MiniCloudClient client) {
      List<Account> accounts = client.iam().listAccounts();
      print(ctx, accounts, accounts);
      return 0;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create an account; prints its root access key (the secret is shown once).")
  static final class Create extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    protected int run(MiniCloudClient client) {
      NewAccount created = client.iam().createAccount(name);
      Account a = created.account();
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("account", a);
      json.put("accessKeyId", created.rootAccessKeyId());
      json.put("secretAccessKey", created.rootSecretAccessKey());
      ctx.print(List.of("ACCOUNT", "NAME", "ACCESS KEY ID", "SECRET ACCESS KEY"),
          List.of(List.of(a.accountId(), cell(a.name()), cell(created.rootAccessKeyId()),
              cell(created.rootSecretAccessKey()))), json);
      return 0;
    }
  }

  @Command(name = "describe", mixinStandardHelpOptions = true, description = "Show one account.")
  static final class Describe extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ACCOUNT_ID")
    String id;

    @Override
    protected int run(MiniCloudClient client) {
      Account a = client.iam().describeAccount(id);
      print(ctx, List.of(a), a);
      return 0;
    }
  }

  @Command(name = "suspend", mixinStandardHelpOptions = true,
      description = "Suspend an account: its keys stop working, its buckets answer nobody.")
  static final class Suspend extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ACCOUNT_ID")
    String id;

    @Override
    protected int run(MiniCloudClient client) {
      Account a = client.iam().suspendAccount(id);
      print(ctx, List.of(a), a);
      return 0;
    }
  }

  @Command(name = "reactivate", mixinStandardHelpOptions = true, description = "Reactivate a suspended account.")
  static final class Reactivate extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ACCOUNT_ID")
    String id;

    @Override
    protected int run(MiniCloudClient client) {
      Account a = client.iam().reactivateAccount(id);
      print(ctx, List.of(a), a);
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete an account with its users, keys and policies (it must own no bucket).")
  static final class Delete extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ACCOUNT_ID")
    String id;

    @Override
    protected int run(MiniCloudClient client) {
      client.iam().deleteAccount(id);
      ctx.out().println("deleted account " + id);
      return 0;
    }
  }
}
