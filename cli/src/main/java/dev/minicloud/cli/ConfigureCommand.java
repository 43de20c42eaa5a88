package dev.minicloud.cli;

import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.Profile;
import dev.minicloud.sdk.ProfileFile;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code minicloud configure}: writes a profile (endpoint, region, access key) to the profile
 * file, mode 0600. With {@code --access-key} and {@code --secret-key} it asks nothing (scripts);
 * otherwise it prompts for each value, showing the current one, and Enter keeps it.
 */
@Command(name = "configure", mixinStandardHelpOptions = true,
    description = {"Save the endpoint, region and access key of a profile in ~/.minicloud/config "
        + "(or $MINICLOUD_CONFIG_FILE).",
        "Interactive unless --access-key and --secret-key are given; the endpoint comes from the global "
            + "--endpoint option, the profile from --profile."})
final class ConfigureCommand implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--access-key", paramLabel = "ID", description = "Access key id.")
  String accessKey;

  @Option(names = "--secret-key", paramLabel = "SECRET", description = "Secret access key.")
  String secretKey;

  @Option(names = "--region", paramLabel = "REGION", description = "Signing region (default us-east-1).")
  String region;

  @Override
  public void run() {
    CliContext ctx = CliContext.of(spec);
    Path file = ProfileFile.defaultLocation();
    String name = ctx.profile() == null ? ProfileFile.defaultProfileName() : ctx.profile();
    ProfileFile profiles = ProfileFile.load(file);
    Profile current = profiles.profile(name).orElse(new Profile(name, Map.of()));

    Map<String, String> values = new LinkedHashMap<>();
    values.put(Profile.ENDPOINT, first(ctx.endpoint(), current.get(Profile.ENDPOINT).orElse(null),
        MiniCloudClient.DEFAULT_ENDPOINT));
    values.put(Profile.REGION, first(region, current.get(Profile.REGION).orElse(null), MiniCloudClient.DEFAULT_REGION));
    values.put(Profile.ACCESS_KEY_ID, first(accessKey, current.get(Profile.ACCESS_KEY_ID).orElse(null)));
    values.put(Profile.SECRET_ACCESS_KEY, first(secretKey, current.get(Profile.SECRET_ACCESS_KEY).orElse(null)));

    if (accessKey == null || secretKey == null) {
      Prompter prompter = new Prompter(ctx.out());
      if (ctx.endpoint() == null) {
        values.put(Profile.ENDPOINT, prompter.ask("MiniCloud endpoint", values.get(Profile.ENDPOINT), false));
      }
      if (accessKey == null) {
        values.put(Profile.ACCESS_KEY_ID, prompter.ask("Access key ID", values.get(Profile.ACCESS_KEY_ID), false));
      }
      if (secretKey == null) {
        values.put(Profile.SECRET_ACCESS_KEY,
            prompter.ask("Secret access key", values.get(Profile.SECRET_ACCESS_KEY), true));
      }
      if (region == null) {
        values.put(Profile.REGION, prompter.ask("Region", values.get(Profile.REGION), false));
      }
    }
    if (values.get(Profile.ACCESS_KEY_ID) == null || values.get(Profile.SECRET_ACCESS_KEY) == null) {
      throw new UsageException("an access key id and a secret access key are needed");
    }
    if (!values.get(Profile.ENDPOINT).matches("(?i)https?://.+")) {
      throw new UsageException("the endpoint must be an http(s) URL: " + values.get(Profile.ENDPOINT));
    }
    Profile updated = current;
    for (Map.Entry<String, String> e : values.entrySet()) {
      updated = updated.with(e.getKey(), e.getValue());
    }
    if (spec.parent() != null && outputGiven()) {
      updated = updated.with(Profile.OUTPUT, ctx.output().name());
    }
    profiles.with(updated).save(file);
    ctx.out().println("Saved profile '" + name + "' to " + file);
    ctx.out().flush();
  }

  private boolean outputGiven() {
    CommandLine.ParseResult pr = spec.commandLine().getParseResult();
    return pr != null && pr.hasMatchedOption("--output");
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  /** Asks on the console (secrets not echoed), or reads answers line by line from piped stdin. */
  private static final class Prompter {
    private final PrintWriter out;
    private final Console console = System.console();
    private BufferedReader stdin;

    Prompter(PrintWriter out) {
      this.out = out;
    }

    String ask(String label, String current, boolean secret) {
      String shown = current == null ? "None" : secret ? mask(current) : current;
      String prompt = label + " [" + shown + "]: ";
      String answer;
      if (console != null) {
        answer = secret ? charsToString(console.readPassword("%s", prompt)) : console.readLine("%s", prompt);
      } else {
        out.print(prompt);
        out.flush();
        try {
          if (stdin == null) {
            stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
          }
          answer = stdin.readLine();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot read the answer", e);
        }
        out.println();
      }
      return answer == null || answer.isBlank() ? current : answer.strip();
    }

    private static String charsToString(char[] chars) {
      return chars == null ? null : new String(chars);
    }

    private static String mask(String secret) {
      return "****************" + secret.substring(Math.max(0, secret.length() - 4));
    }
  }
}
