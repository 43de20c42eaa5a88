package dev.minicloud.cli.iam;

import dev.minicloud.cli.ClientCommand;
import dev.minicloud.cli.MiniCloudCommand;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.iam.Group;
import dev.minicloud.sdk.iam.GroupPolicy;
import dev.minicloud.sdk.iam.User;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code minicloud iam groups ...}: groups, their members, and their policies (inline and attached);
 * a user's permissions are its own policies plus those of its groups.
 */
@Command(name = "groups", mixinStandardHelpOptions = true,
    description = "Groups of your account: members gain the group's policies.")
final class GroupsCommands extends IamCommand.Group {

  private static List<List<String>> rows(List<Group> groups) {
    List<List<String>> rows = new ArrayList<>();
    groups.forEach(g -> rows.add(List.of(g.groupName(), ClientCommand.cell(g.groupId()), ClientCommand.cell(g.arn()),
        ClientCommand.cell(g.createdAt()))));
    return rows;
  }

  private static final List<String> HEADERS = List.of("GROUP", "GROUP ID", "ARN", "CREATED");

  @Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true, description = "List groups.")
  static final class Ls extends ClientCommand {
    @Override
    protected int run(MiniCloudClient client) {
      List<Group> groups = client.iam().listGroups();
      ctx.print(HEADERS, rows(groups), groups);
      return 0;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a group (no members, no policies).")
  static final class Create extends ClientCommand {
    @Parameters(index = "0", paramLabel = "GROUP")
    String name;

    @Override
    protected int run(MiniCloudClient client) {
      Group g = client.iam().createGroup(name);
      ctx.print(HEADERS, rows(List.of(g)), g);
      return 0;
    }
  }

  @Command(name = "get", mixinStandardHelpOptions = true, description = "Show a group with its policies and users.")
  static final class Get extends ClientCommand {
    @Parameters(index = "0", paramLabel = "GROUP")
    String name;

    @Override
    protected int run(MiniCloudClient client) {
      Group g = client.iam().getGroup(name);
      ctx.print(List.of("GROUP", "ARN", "USERS", "INLINE POLICIES", "ATTACHED POLICIES"), List.of(List.of(g.groupName(),
          cell(g.arn()), String.join(",", g.users().stream().map(User::userName).toList()),
          String.join(",", g.inlinePolicies()), String.join(",", g.attachedPolicies()))), g);
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete a group (remove its users and policies first).")
  static final class Delete extends ClientCommand {
    @Parameters(index = "0", paramLabel = "GROUP")
    String name;

    @Override
    protected int run(MiniCloudClient client) {
      client.iam().deleteGroup(name);
      ctx.out().println("deleted group " + name);
      return 0;
    }
  }

  @Command(name = "add-user", mixinStandardHelpOptions = true, description = "Add a user to a group.")
  static final class AddUser extends ClientCommand {
    @Parameters(index = "0", paramLabel = "GROUP")
    String group;

    @Parameters(index = "1", paramLabel = "USER")
    String user;

    @Override
    protected int run(MiniCloudClient client) {
      client.iam().addUserToGroup(group, user);
      ctx.out().println("added " + user + " to " + group);
      return 0;
    }
  }

  @Command(name = "remove-user", mixinStandardHelpOptions = true, description = "Remove a user from a group.")
  static final class RemoveUser extends ClientCommand {
    @Parameters(index = "0", paramLabel = "GROUP")
    String group;

    @Parameters(index = "1", paramLabel = "USER")
    String user;

    @Override
    protected int run(MiniCloudClient client) {
      client.iam().removeUserFromGroup(group, user);
      ctx.out().println("removed " + user + " from " + group);
      return 0;
    }
  }

  @Command(name = "for-user", mixinStandardHelpOptions = true, description = "List the groups a user belongs to.")
  static final class ForUser extends ClientCommand {
    @Parameters(index = "0", paramLabel = "USER")
    String user;

    @Override
    protected int run(MiniCloudClient client) {
      List<Group> groups = client.iam().listGroupsForUser(user);
      ctx.print(HEADERS, rows(groups), groups);
      return 0;
    }
  }

  @Command(name = "attach", mixinStandardHelpOptions = true,
      description = "Attach a managed policy (by name or ARN) to a group.")
  static final class Attach extends ClientCommand {
    @Parameters(index = "0", paramLabel = "GROUP")
    String group;

    @Parameters(index = "1", paramLabel = "POLICY", description = "A name (ReadOnlyAccess) or an ARN.")
    String policy;

    @Override
    protected int run(MiniCloudClient client) {
      List<String> attached = client.iam().attachGroupPolicy(group, PoliciesCommands.arn(client.iam(), policy));
      List<List<String>> rows = new ArrayList<>();
      attached.forEach(a -> rows.add(List.of(group, a)));
      ctx.print(List.of("GROUP", "ATTACHED POLICY"), rows, attached);
      return 0;
    }
  }

  @Command(name = "detach", mixinStandardHelpOptions = true, description = "Detach a managed policy from a group.")
  static final class Detach extends ClientCommand {
    @Parameters(index = "0", paramLabel = "GROUP")
    String group;

    @Parameters(index = "1", paramLabel = "POLICY", description = "A name or an ARN.")
    String policy;

    @Override
    protected int run(MiniCloudClient client) {
      String arn = PoliciesCommands.arn(client.iam(), policy);
      client.iam().detachGroupPolicy(group, arn);
      ctx.out().println("detached " + arn + " from " + group);
      return 0;
    }
  }

  @Command(name = "attached", mixinStandardHelpOptions = true, description = "List the managed policies of a group.")
  static final class Attached extends ClientCommand {
    @Parameters(index = "0", paramLabel = "GROUP")
    String group;

    @Override
    protected int run(MiniCloudClient client) {
      List<String> attached = client.iam().listAttachedGroupPolicies(group);
      List<List<String>> rows = new ArrayList<>();
      attached.forEach(a -> rows.add(List.of(group, a)));
      ctx.print(List.of("GROUP", "ATTACHED POLICY"), rows, attached);
      return 0;
    }
  }

  @Command(name = "put-policy", mixinStandardHelpOptions = true,
      description = "Create or replace an inline policy of a group.")
  static final class PutPolicy extends ClientCommand {
    @Parameters(index = "0", paramLabel = "GROUP")
    String group;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Option(names = "--document", required = true, paramLabel = "JSON|@FILE", description = "The policy document.")
    String document;

    @Override
    protected int run(MiniCloudClient client) {
      client.iam().putGroupPolicy(group, name, PoliciesCommands.document(document));
      ctx.out().println("put policy " + name + " on group " + group);
      return 0;
    }
  }

  @Command(name = "get-policy", mixinStandardHelpOptions = true, description = "Print an inline policy of a group.")
  static final class GetPolicy extends ClientCommand {
    @Parameters(index = "0", paramLabel = "GROUP")
    String group;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Override
    protected int run(MiniCloudClient client) {
      GroupPolicy p = client.iam().getGroupPolicy(group, name);
      if (ctx.output() == MiniCloudCommand.OutputFormat.json) {
        ctx.print(List.of(), List.of(), p);
      } else {
        ctx.out().println(p.policyDocument());
      }
      return 0;
    }
  }

  @Command(name = "delete-policy", mixinStandardHelpOptions = true, description = "Delete an inline policy of a group.")
  static final class DeletePolicy extends ClientCommand {
    @Parameters(index = "0", paramLabel = "GROUP")
    String group;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Override
    protected int run(MiniCloudClient client) {
      client.iam().deleteGroupPolicy(group, name);
      ctx.out().println("deleted policy " + name + " of group " + group);
      return 0;
    }
  }

  @Command(name = "policies", mixinStandardHelpOptions = true, description = "List the inline policies of a group.")
  static final class Policies extends ClientCommand {
    @Parameters(index = "0", paramLabel = "GROUP")
    String group;

    @Override
    protected int run(MiniCloudClient client) {
      List<String> names = client.iam().listGroupPolicies(group);
      List<List<String>> rows = new ArrayList<>();
      names.forEach(n -> rows.add(List.of(group, n)));
      ctx.print(List.of("GROUP", "INLINE POLICY"), rows, names);
      return 0;
    }
  }
}
