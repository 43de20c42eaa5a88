package dev.minicloud.cli.iam;

import dev.minicloud.cli.ClientCommand;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.iam.User;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code minicloud iam users ls|create|get|delete}. */
@Command(name = "users", mixinStandardHelpOptions = true, description = "Users of your account.")
final class UsersCommands extends IamCommand.Group {

  @Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true, description = "List users.")
  static final class Ls extends ClientCommand {
    @Override
    protected int run(MiniCloudClient client) {
      List<User> users = client.iam().listUsers();
      List<List<String>> rows = new ArrayList<>();
      users.forEach(u -> rows.add(List.of(u.userName(), cell(u.userId()), cell(u.arn()), cell(u.createdAt()))));
      ctx.print(List.of("USER", "USER ID", "ARN", "CREATED"), rows, users);
      return 0;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a user (it can do nothing until a policy allows it).")
  static final class Create extends ClientCommand {
    @Parameters(index = "0", paramLabel = "USER")
    String name;

    @Override
    protected int run(MiniCloudClient client) {
      User u = client.iam().createUser(name);
      ctx.print(List.of("USER", "USER ID", "ARN"), List.of(List.of(u.userName(), cell(u.userId()), cell(u.arn()))), u);
      return 0;
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a user with its policies.")
  static final class Get extends ClientCommand {
    @Parameters(index = "0", paramLabel = "USER")
    String name;

    @Override
    protected int run(MiniCloudClient client) {
      User u = client.iam().getUser(name);
      ctx.print(List.of("USER", "ARN", "INLINE POLICIES", "ATTACHED POLICIES"), List.of(List.of(u.userName(),
          cell(u.arn()), String.join(",", u.inlinePolicies()), String.join(",", u.attachedPolicies()))), u);
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete a user with its access keys, inline policies and group memberships.")
  static final class Delete extends ClientCommand {
    @Parameters(index = "0", paramLabel = "USER")
    String name;

    @Override
    protected int run(MiniCloudClient client) {
      client.iam().deleteUser(name);
      ctx.out().println("deleted user " + name);
      return 0;
    }
  }
}
