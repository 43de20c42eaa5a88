package dev.minicloud.cli;

import dev.minicloud.cli.s3.S3Command;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code minicloud} command. Client subcommands (configure, s3, admin, ...) hang off this; the
 * distribution adds the server subcommands ({@code server}, {@code storage-node},
 * {@code compute-agent}) to {@link #commandLine()} before running it.
 *
 * <p>Global options are inherited: they may be given before or after the subcommand.
 */
@Command(
    name = "minicloud",
    mixinStandardHelpOptions = true,
    versionProvider = MiniCloudVersion.class,
    description = "MiniCloud: S3-compatible storage and EC2-like container instances on your own machine.",
    subcommandsRepeatable = false)
public final class MiniCloudCommand implements Runnable {

  /** Output formats of {@code --output}. */
  public enum OutputFormat { table, json, text }

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--profile", scope = ScopeType.INHERIT, paramLabel = "NAME",
      description = "Profile of the config file to use (default: $MINICLOUD_PROFILE or 'default').")
  String profile;

  @Option(names = "--endpoint", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "Endpoint URL, e.g. http://127.0.0.1:9000 (overrides the profile's).")
  String endpoint;

  @Option(names = "--output", scope = ScopeType.INHERIT, paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: the profile's, else table).")
  OutputFormat output;

  @Option(names = "--debug", scope = ScopeType.INHERIT,
      description = "Log each HTTP exchange to stderr and show stack traces of errors.")
  boolean debug;

  /** The command line with every client subcommand and the CLI's error handling. */
  public static CommandLine commandLine() {
    MiniCloudCommand root = new MiniCloudCommand();
    CommandLine cl = new CommandLine(root)
        .addSubcommand("configure", new ConfigureCommand())
        .addSubcommand("s3", S3Command.commandLine())
        .addSubcommand("compute", dev.minicloud.cli.compute.ComputeCommand.commandLine())
        .addSubcommand("iam", dev.minicloud.cli.iam.IamCommand.commandLine())
        .addSubcommand("usage", new dev.minicloud.cli.billing.UsageCommand())
        .addSubcommand("invoice", new dev.minicloud.cli.billing.InvoiceCommand())
        .addSubcommand("budget", dev.minicloud.cli.billing.BudgetCommand.commandLine())
        .addSubcommand("audit", dev.minicloud.cli.billing.AuditCommand.commandLine())
        .addSubcommand("admin", new CommandLine(new AdminCommand()).addSubcommand("nodes", new AdminCommand.Nodes()))
        .addSubcommand("whoami", new WhoamiCommand())
        .addSubcommand("completion", new CompletionCommand());
    cl.setExecutionExceptionHandler(new ErrorHandler(root));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    // '@file' is ours (--user-data @boot.sh, --document @policy.json), not picocli's argument files.
    cl.setExpandAtFiles(false);
    return cl;
  }

  /** The global options as given on the command line. */
  public CliContext context() {
    return new CliContext(profile, endpoint, output, debug, spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
