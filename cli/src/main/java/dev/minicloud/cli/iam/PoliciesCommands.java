package dev.minicloud.cli.iam;

import dev.minicloud.cli.ClientCommand;
import dev.minicloud.cli.UsageException;
import dev.minicloud.sdk.IamClient;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.iam.ManagedPolicy;
import dev.minicloud.sdk.iam.UserPolicy;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minicloud iam policies ...}: managed policies, attachments and users' inline policies. */
@Command(name = "policies", mixinStandardHelpOptions = true,
    description = "Managed policies (built-in and your own), attaching them to users, and users' inline policies.")
final class PoliciesCommands extends IamCommand.Group {

  /** An ARN as given, or the ARN of the built-in or own managed policy of that name. */
  static String arn(IamClient iam, String nameOrArn) {
    if (nameOrArn.startsWith("arn:")) {
      return nameOrArn;
    }
    return iam.listPolicies().stream().filter(p -> p.policyName().equals(nameOrArn)).map(ManagedPolicy::arn)
        .reduce((builtIn, own) -> own) // an own policy of the same name wins
        .orElseThrow(() -> new UsageException("no managed policy named " + nameOrArn
            + " (see: minicloud iam policies ls)"));
  }

  static String document(String value) {
    String text = ClientCommand.textOrFile(value);
    if (text == null || text.isBlank()) {
      throw new UsageException("--document is empty");
    }
    return text;
  }

  @Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true,
      description = "List the built-in managed policies, then your own.")
  static final class Ls extends ClientCommand {
    @Override
    protected int run(MiniCloudClient client) {
      List<ManagedPolicy> policies = client.iam().listPolicies();
      List<List<String>> rows = new ArrayList<>();
      policies.forEach(p -> rows.add(List.of(p.policyName(), cell(p.arn()), p.builtIn() ? "built-in" : "own",
          cell(p.description()))));
      ctx.print(List.of("POLICY", "ARN", "KIND", "DESCRIPTION"), rows, policies);
      return 0;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a managed policy in your account.")
  static final class Create extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Option(names = "--document", required = true, paramLabel = "JSON|@FILE", description = "The policy document.")
    String document;

    @Option(names = "--description", paramLabel = "TEXT")
    String description;

    @Override
    protected int run(MiniCloudClient client) {
      ManagedPolicy p = client.iam().createPolicy(name, document(document), description);
      ctx.print(List.of("POLICY", "ARN"), List.of(List.of(p.policyName(), cell(p.arn()))), p);
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a managed policy (detach it first).")
  static final class Delete extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME")
    String name;

    @Override
    protected int run(MiniCloudClient client) {
      client.iam().deletePolicy(name);
      ctx.out().println("deleted policy " + name);
      return 0;
    }
  }

  @Command(name = "attach", mixinStandardHelpOptions = true,
      description = "Attach a managed policy (by name or ARN) to a user.")
  static final class Attach extends ClientCommand {
    @Parameters(index = "0", paramLabel = "USER")
    String user;

    @Parameters(index = "1", paramLabel = "POLICY", description = "A name (ReadOnlyAccess) or an ARN.")
    String policy;

    @Override
    protected int run(MiniCloudClient client) {
      List<String> attached = client.iam().attachUserPolicy(user, arn(client.iam(), policy));
      printAttached(attached);
      return 0;
    }

    private void printAttached(List<String> attached) {
      List<List<String>> rows = new ArrayList<>();
      attached.forEach(a -> rows.add(List.of(user, a)));
      ctx.print(List.of("USER", "ATTACHED POLICY"), rows, attached);
    }
  }

  @Command(name = "detach", mixinStandardHelpOptions = true, description = "Detach a managed policy from a user.")
  static final class Detach extends ClientCommand {
    @Parameters(index = "0", paramLabel = "USER")
    String user;

    @Parameters(index = "1", paramLabel = "POLICY", description = "A name or an ARN.")
    String policy;

    @Override
    protected int run(MiniCloudClient client) {
      String arn = arn(client.iam(), policy);
      client.iam().detachUserPolicy(user, arn);
      ctx.out().println("detached " + arn + " from " + user);
      return 0;
    }
  }

  @Command(name = "attached", mixinStandardHelpOptions = true, description = "List the managed policies of a user.")
  static final class Attached extends ClientCommand {
    @Parameters(index = "0", paramLabel = "USER")
    String user;

    @Override
    protected int run(MiniCloudClient client) {
      List<String> attached = client.iam().listAttachedUserPolicies(user);
      List<List<String>> rows = new ArrayList<>();
      attached.forEach(a -> rows.add(List.of(user, a)));
      ctx.print(List.of("USER", "ATTACHED POLICY"), rows, attached);
      return 0;
    }
  }

  @Command(name = "put-user-policy", mixinStandardHelpOptions = true,
      description = "Create or replace an inline policy of a user.")
  static final class PutUserPolicy extends ClientCommand {
    @Parameters(index = "0", paramLabel = "USER")
    String user;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Option(names = "--document", required = true, paramLabel = "JSON|@FILE", description = "The policy document.")
    String document;

    @Override
    protected int run(MiniCloudClient client) {
      client.iam().putUserPolicy(user, name, document(document));
      ctx.out().println("put policy " + name + " on " + user);
      return 0;
    }
  }

  @Command(name = "get-user-policy", mixinStandardHelpOptions = true, description = "Print an inline policy of a user.")
  static final class GetUserPolicy extends ClientCommand {
    @Parameters(index = "0", paramLabel = "USER")
    String user;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Override
    protected int run(MiniCloudClient client) {
      UserPolicy p = client.iam().getUserPolicy(user, name);
      if (ctx.output() == dev.minicloud.cli.MiniCloudCommand.OutputFormat.json) {
        ctx.print(List.of(), List.of(), p);
      } else {
        ctx.out().println(p.policyDocument());
      }
      return 0;
    }
  }

  @Command(name = "delete-user-policy", mixinStandardHelpOptions = true, description = "Delete an inline policy of a user.")
  static final class DeleteUserPolicy extends ClientCommand {
    @Parameters(index = "0", paramLabel = "USER")
    String user;

    @Parameters(index = "1", paramLabel = "NAME")
    String name;

    @Override
    protected int run(MiniCloudClient client) {
      client.iam().deleteUserPolicy(user, name);
      ctx.out().println("deleted policy " + name + " of " + user);
      return 0;
    }
  }
}
