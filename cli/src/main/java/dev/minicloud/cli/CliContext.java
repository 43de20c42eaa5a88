package dev.minicloud.cli;

import dev.minicloud.common.json.Json;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.ProfileFile;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a subcommand needs from the global options: a client configured from them, the output
 * format and where to print.
 */
public final class CliContext {

  private final String profile;
  private final String endpoint;
  private final MiniCloudCommand.OutputFormat output;
  private final boolean debug;
  private final PrintWriter out;
  private final PrintWriter err;

  CliContext(String profile, String endpoint, MiniCloudCommand.OutputFormat output, boolean debug,
      PrintWriter out, PrintWriter err) {
    this.profile = profile;
    this.endpoint = endpoint;
    this.output = output;
    this.debug = debug;
    this.out = out;
    this.err = err;
  }

  /** The context of the command a subcommand runs under (walks up to the root). */
  public static CliContext of(picocli.CommandLine.Model.CommandSpec spec) {
    picocli.CommandLine.Model.CommandSpec s = spec;
    while (s.parent() != null) {
      s = s.parent();
    }
    return ((MiniCloudCommand) s.userObject()).context();
  }

  public String profile() {
    return profile;
  }

  public String endpoint() {
    return endpoint;
  }

  public boolean debug() {
    return debug;
  }

  public PrintWriter out() {
    return out;
  }

  public PrintWriter err() {
    return err;
  }

  /** A client built from the global options, the environment and the profile file. */
  public MiniCloudClient client() {
    MiniCloudClient.Builder builder = MiniCloudClient.builder();
    if (profile != null) {
      builder.profile(profile);
    }
    if (endpoint != null) {
      builder.endpoint(endpoint);
    }
    if (debug) {
      builder.debugLog(line -> {
        err.println("[debug] " + line);
        err.flush();
      });
    }
    return builder.build();
  }

  /** The output format: {@code --output}, else the profile's {@code output}, else table. */
  public MiniCloudCommand.OutputFormat output() {
    if (output != null) {
      return output;
    }
    String name = profile == null ? ProfileFile.defaultProfileName() : profile;
    return ProfileFile.load(ProfileFile.defaultLocation()).profile(name)
        .flatMap(p -> p.get(dev.minicloud.sdk.Profile.OUTPUT))
        .map(v -> {
          try {
            return MiniCloudCommand.OutputFormat.valueOf(v.toLowerCase(java.util.Locale.ROOT));
          } catch (IllegalArgumentException e) {
            return MiniCloudCommand.OutputFormat.table;
          }
        })
        .orElse(MiniCloudCommand.OutputFormat.table);
  }

  /**
   * Prints rows in the chosen format: an aligned table with a header, tab-separated text, or JSON
   * (an array of objects keyed by the column names, or {@code json} itself when given).
   */
  public void print(List<String> columns, List<List<String>> rows, Object json) {
    switch (output()) {
      case json -> {
        if (json == null) {
          List<Map<String, String>> objects = new ArrayList<>();
          for (List<String> row : rows) {
            Map<String, String> o = new java.util.LinkedHashMap<>();
            for (int i = 0; i < columns.size(); i++) {
              o.put(columns.get(i), row.get(i));
            }
            objects.add(o);
          }
          json = objects;
        }
        try {
          out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      }
      case text -> rows.forEach(row -> out.println(String.join("\t", row)));
      case table -> {
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
          widths[i] = columns.get(i).length();
          for (List<String> row : rows) {
            widths[i] = Math.max(widths[i], row.get(i) == null ? 0 : row.get(i).length());
          }
        }
        out.println(line(columns, widths));
        rows.forEach(row -> out.println(line(row, widths)));
      }
      default -> throw new IllegalStateException();
    }
    out.flush();
  }

  private static String line(List<String> cells, int[] widths) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      String c = cells.get(i) == null ? "" : cells.get(i);
      sb.append(c);
      if (i < cells.size() - 1) {
        sb.append(" ".repeat(widths[i] - c.length() + 2));
      }
    }
    return sb.toString().stripTrailing();
  }
}
