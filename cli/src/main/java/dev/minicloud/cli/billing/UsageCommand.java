package dev.minicloud.cli.billing;

import dev.minicloud.cli.ClientCommand;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.billing.UsageQuery;
import dev.minicloud.sdk.billing.UsageRecord;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code minicloud usage [--from D] [--to D] [--granularity day] [--meter M] [--account ID] [--csv]}. */
@Command(name = "usage", mixinStandardHelpOptions = true,
    description = "Show metered usage per account, meter and period (default: this month, by day).")
public final class UsageCommand extends ClientCommand {

  @Option(names = "--from", paramLabel = "TIME", description = "Start: 2026-12-01 or 2026-12-01T10:00:00Z (default: start of the month).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "End, exclusive (default: end of the current hour).")
  String to;

  @Option(names = "--granularity", paramLabel = "G", defaultValue = "day", description = "hour, day (default) or month.")
  String granularity;

  @Option(names = "--meter", paramLabel = "METER", description = "Only this meter, e.g. requests.tier1.")
  String meter;

  @Option(names = "--account", paramLabel = "ACCOUNT_ID", description = "Only this account (platform root).")
  String account;

  @Option(names = "--csv", description = "Print the service's CSV instead.")
  boolean csv;

  @Override
  protected int run(MiniCloudClient client) {
    UsageQuery query = new UsageQuery().from(Times.parse("--from", from)).to(Times.parse("--to", to))
        .granularity(granularity).meter(meter).accountId(account);
    if (csv) {
      ctx.out().print(client.billing().usageCsv(query));
      return 0;
    }
    List<UsageRecord> usage = client.billing().usage(query);
    List<List<String>> rows = new ArrayList<>();
    usage.forEach(u -> rows.add(List.of(u.accountId(), cell(u.start()), u.meter(),
        u.quantity() == null ? "" : u.quantity().toPlainString(), cell(u.unit()))));
    ctx.print(List.of("ACCOUNT", "START", "METER", "QUANTITY", "UNIT"), rows, usage);
    return 0;
  }
}
