package dev.minicloud.cli.compute;

import dev.minicloud.cli.ClientCommand;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.MiniCloudException;
import dev.minicloud.sdk.compute.ExecResult;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code minicloud compute exec i-... -- sh -c 'ls /'}: runs a command, prints its stdout and
 * stderr, and exits with its exit status.
 */
@Command(name = "exec", mixinStandardHelpOptions = true,
    description = "Run a command in a running instance; print its output and exit with its exit status.")
final class ExecCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "INSTANCE_ID")
  String id;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "COMMAND",
      description = "The command and its arguments (no shell: use sh -c '...'; put -- before it).")
  List<String> command;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
      description = "Give up waiting after this long (1-300, default 30); the command is not killed.")
  int timeout;

  @Override
  protected int run(MiniCloudClient client) {
    if (timeout < 1 || timeout > 300) {
      throw new IllegalArgumentException("--timeout must be 1 to 300 seconds");
    }
    ExecResult r = client.compute().exec(id, command, Duration.ofSeconds(timeout));
    if (ctx.output() == dev.minicloud.cli.MiniCloudCommand.OutputFormat.json) {
      ctx.print(List.of(), List.of(), r);
    } else {
      ctx.out().print(r.stdout() == null ? "" : r.stdout());
      ctx.out().flush();
      ctx.err().print(r.stderr() == null ? "" : r.stderr());
      ctx.err().flush();
    }
    if (r.timedOut()) {
      throw new MiniCloudException("ExecTimedOut", 0, null,
          "the command did not finish within " + timeout + " s (it keeps running)");
    }
    return r.exitCode() == null ? 1 : r.exitCode();
  }
}
