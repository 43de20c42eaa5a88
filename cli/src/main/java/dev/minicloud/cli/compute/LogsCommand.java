package dev.minicloud.cli.compute;

import dev.minicloud.cli.ClientCommand;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.compute.ConsoleOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minicloud compute logs i-... [--tail N] [-f]}: the console output. */
@Command(name = "logs", mixinStandardHelpOptions = true,
    description = "Print an instance's console output (stdout and stderr, user data's output included).")
final class LogsCommand extends ClientCommand {

  @Parameters(index = "0", paramLabel = "INSTANCE_ID")
  String id;

  @Option(names = "--tail", paramLabel = "N", defaultValue = "100", description = "Last N lines (1-10000, default 100).")
  int tail;

  @Option(names = {"-f", "--follow"},
      description = "Keep printing what the instance writes until it stops or you press Ctrl-C.")
  boolean follow;

  @Override
  protected int run(MiniCloudClient client) {
    if (tail < 1 || tail > 10_000) {
      throw new IllegalArgumentException("--tail must be 1 to 10000");
    }
    if (follow) {
      ctx.out().flush();
      try (InputStream in = client.compute().followConsoleOutput(id, tail)) {
        OutputStream out = System.out;
        byte[] buffer = new byte[8192];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          out.write(buffer, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("the console stream of " + id + " broke", e);
      }
      return 0;
    }
    ConsoleOutput console = client.compute().consoleOutput(id, tail);
    switch (ctx.output()) {
      case json -> ctx.print(List.of(), List.of(), console);
      default -> {
        String text = console.output() == null ? "" : console.output();
        ctx.out().print(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
          ctx.out().println();
        }
      }
    }
    return 0;
  }
}
