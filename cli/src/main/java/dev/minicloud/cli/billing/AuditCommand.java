package dev.minicloud.cli.billing;

import dev.minicloud.cli.ClientCommand;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.audit.AuditEvent;
import dev.minicloud.sdk.audit.AuditQuery;
import dev.minicloud.sdk.audit.AuditVerification;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code minicloud audit [events] [filters]} and {@code minicloud audit verify}. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "The audit trail: who called what, when, from where, and how it ended ('audit' alone = 'audit events').")
public final class AuditCommand extends ClientCommand {

  @CommandLine.Mixin
  Filters filters;

  /** The command with its subcommands. */
  public static CommandLine commandLine() {
    return new CommandLine(new AuditCommand()).addSubcommand("events", new Events())
        .addSubcommand("verify", new Verify());
  }

  @Override
  protected int run(MiniCloudClient client) {
    filters.print(this, client);
    return 0;
  }

  /** The event filters, shared by {@code audit} and {@code audit events}. */
  static final class Filters {
    @Option(names = "--from", paramLabel = "TIME", description = "Start (default: 24 hours ago).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "End, exclusive (default: now).")
    String to;

    @Option(names = "--action", paramLabel = "ACTION", description = "Only this action, e.g. s3:PutObject.")
    String action;

    @Option(names = "--principal", paramLabel = "USER|KEY", description = "Only this user name or access key id.")
    String principal;

    @Option(names = "--account", paramLabel = "ACCOUNT_ID", description = "Only this account (platform root).")
    String account;

    @Option(names = "--max-items", paramLabel = "N", description = "Print at most N events.")
    Integer maxItems;

    void print(ClientCommand command, MiniCloudClient client) {
      AuditQuery query = new AuditQuery().from(Times.parse("--from", from)).to(Times.parse("--to", to))
          .action(action).principal(principal).accountId(account);
      var events = client.audit().events(query);
      List<AuditEvent> list = (maxItems == null ? events : events.limit(Math.max(0, maxItems))).toList();
      List<List<String>> rows = new ArrayList<>();
      list.forEach(e -> rows.add(List.of(cell(e.eventTime()), cell(e.accountId()), cell(e.userName()), cell(e.action()),
          cell(e.resource()), cell(e.outcome()) + (e.errorCode() == null ? "" : " " + e.errorCode()),
          cell(e.sourceIp()), cell(e.requestId()))));
      command.context().print(List.of("TIME", "ACCOUNT", "USER", "ACTION", "RESOURCE", "OUTCOME", "SOURCE", "REQUEST ID"),
          rows, list);
    }
  }

  /** {@code minicloud audit events}. */
  @Command(name = "events", mixinStandardHelpOptions = true, description = "List audit events, oldest first.")
  static final class Events extends ClientCommand {
    @CommandLine.Mixin
    Filters filters;

    @Override
    protected int run(MiniCloudClient client) {
      filters.print(this, client);
      return 0;
    }
  }

  /** {@code minicloud audit verify}. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check the audit trail's digest chain (platform root); exits 1 when it is not intact.")
  static final class Verify extends ClientCommand {
    @Override
    protected int run(MiniCloudClient client) {
      AuditVerification v = client.audit().verify();
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of(v.intact() ? "intact" : "NOT INTACT", Integer.toString(v.sealedHours()),
          cell(v.lastSealedHour()), ""));
      v.problems().forEach(p -> rows.add(List.of("problem", "", cell(p.hour()), cell(p.problem()))));
      context().print(List.of("RESULT", "SEALED HOURS", "HOUR", "PROBLEM"), rows, v);
      return v.intact() ? 0 : 1;
    }
  }
}
