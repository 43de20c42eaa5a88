package dev.minicloud.cli.iam;

import dev.minicloud.cli.ClientCommand;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.iam.AccessKey;
import dev.minicloud.sdk.iam.NewAccessKey;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code minicloud iam access-keys ls|create|activate|deactivate|delete USER [KEY]}. */
@Command(name = "access-keys", mixinStandardHelpOptions = true, description = "Access keys of a user (two at most).")
final class AccessKeysCommands extends IamCommand.Group {

  static List<String> row(AccessKey k) {
    return List.of(k.accessKeyId(), ClientCommand.cell(k.userName()), ClientCommand.cell(k.status()),
        ClientCommand.cell(k.createdAt()), ClientCommand.cell(k.lastUsedAt()));
  }

  static final List<String> COLUMNS = List.of("ACCESS KEY ID", "USER", "STATUS", "CREATED", "LAST USED");

  @Command(name = "ls", aliases = "list", mixinStandardHelpOptions = true, description = "List a user's keys (no secrets).")
  static final class Ls extends ClientCommand {
    @Parameters(index = "0", paramLabel = "USER")
    String user;

    @Override
    protected int run(MiniCloudClient client) {
      List<AccessKey> keys = client.iam().listAccessKeys(user);
      List<List<String>> rows = new ArrayList<>();
      keys.forEach(k -> rows.add(row(k)));
      ctx.print(COLUMNS, rows, keys);
      return 0;
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true,
      description = "Create a key for a user; prints the secret, which is not shown again.")
  static final class Create extends ClientCommand {
    @Parameters(index = "0", paramLabel = "USER")
    String user;

    @Override
    protected int run(MiniCloudClient client) {
      NewAccessKey k = client.iam().createAccessKey(user);
      ctx.print(List.of("ACCESS KEY ID", "SECRET ACCESS KEY", "USER", "STATUS"),
          List.of(List.of(k.accessKeyId(), k.secretAccessKey(), cell(k.userName()), cell(k.status()))), k);
      return 0;
    }
  }

  @Command(mixinStandardHelpOptions = true, description = "Activate or deactivate a key.")
  static final class SetStatus extends ClientCommand {
    private final boolean active;

    @Parameters(index = "0", paramLabel = "USER")
    String user;

    @Parameters(index = "1", paramLabel = "ACCESS_KEY_ID")
    String key;

    SetStatus(boolean active) {
      this.active = active;
    }

    @Override
    protected int run(MiniCloudClient client) {
      AccessKey k = client.iam().updateAccessKey(user, key, active);
      ctx.print(COLUMNS, List.of(row(k)), k);
      return 0;
    }
  }

  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a key.")
  static final class Delete extends ClientCommand {
    @Parameters(index = "0", paramLabel = "USER")
    String user;

    @Parameters(index = "1", paramLabel = "ACCESS_KEY_ID")
    String key;

    @Override
    protected int run(MiniCloudClient client) {
      client.iam().deleteAccessKey(user, key);
      ctx.out().println("deleted access key " + key);
      return 0;
    }
  }
}
