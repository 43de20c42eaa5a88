package dev.minicloud.cli;

import dev.minicloud.sdk.MiniCloudClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;

/**
 * What a client subcommand shares: the global options' context, a client built from them (closed
 * afterwards), and an exit code (0 unless the command says otherwise; failures are exceptions).
 */
public abstract class ClientCommand implements Callable<Integer> {

  @CommandLine.Spec
  protected CommandLine.Model.CommandSpec spec;

  /** The context, set when the command runs. */
  protected CliContext ctx;

  @Override
  public final Integer call() {
    ctx = CliContext.of(spec);
    try (MiniCloudClient client = ctx.client()) {
      return run(client);
    } finally {
      ctx.out().flush();
      ctx.err().flush();
    }
  }

  /** The context while the command runs. */
  public CliContext context() {
    return ctx;
  }

  /** Runs the command; returns its exit code. */
  protected abstract int run(MiniCloudClient client);

  /** {@code @file} reads the file (UTF-8), anything else is the text itself. */
  public static String textOrFile(String value) {
    if (value == null || !value.startsWith("@")) {
      return value;
    }
    Path file = Path.of(value.substring(1));
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UsageException("no such file: " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** {@code KEY=VALUE} pairs as a map, in order. */
  public static Map<String, String> pairs(List<String> values, String option) {
    Map<String, String> out = new LinkedHashMap<>();
    if (values != null) {
      for (String v : values) {
        int eq = v.indexOf('=');
        if (eq <= 0) {
          throw new UsageException(option + " takes KEY=VALUE: " + v);
        }
        out.put(v.substring(0, eq), v.substring(eq + 1));
      }
    }
    return out;
  }

  /** A value for a table cell ("" for null). */
  public static String cell(Object value) {
    return value == null ? "" : String.valueOf(value);
  }
}
