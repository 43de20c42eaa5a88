package dev.minicloud.cli.billing;

import dev.minicloud.cli.ClientCommand;
import dev.minicloud.cli.UsageException;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.billing.Budget;
import dev.minicloud.sdk.billing.BudgetStatus;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minicloud budget [set AMOUNT | delete]}: the monthly budget (advisory). */
@Command(name = "budget", mixinStandardHelpOptions = true,
    description = "Show this month's spending against the monthly budget; 'set' and 'delete' change it.")
public final class BudgetCommand extends ClientCommand {

  @Option(names = "--account", paramLabel = "ACCOUNT_ID", description = "Another account's budget (platform root).")
  String account;

  /** The command with its subcommands. */
  public static CommandLine commandLine() {
    return new CommandLine(new BudgetCommand()).addSubcommand("set", new Set()).addSubcommand("delete", new Delete());
  }

  @Override
  protected int run(MiniCloudClient client) {
    Optional<BudgetStatus> status = client.billing().budget(account);
    if (status.isEmpty()) {
      ctx.err().println("no budget set; set one with: minicloud budget set 25.00");
      return 1;
    }
    BudgetStatus s = status.get();
    ctx.print(List.of("MONTH", "LIMIT", "SPENT", "USED", "STATE"), List.of(List.of(s.month(),
        s.monthlyLimit().toPlainString() + " " + cell(s.currency()), s.spent().toPlainString(),
        s.percentUsed().toPlainString() + "%", s.state())), s);
    return 0;
  }

  /** {@code minicloud budget set 25.00}. */
  @Command(name = "set", mixinStandardHelpOptions = true, description = "Set the monthly budget.")
  static final class Set extends ClientCommand {
    @Parameters(index = "0", paramLabel = "AMOUNT", description = "In the price list's currency, e.g. 25.00.")
    String amount;

    @Option(names = "--account", paramLabel = "ACCOUNT_ID", description = "Another account's budget (platform root).")
    String account;

    @Override
    protected int run(MiniCloudClient client) {
      BigDecimal limit;
      try {
        limit = new BigDecimal(amount);
      } catch (NumberFormatException e) {
        throw new UsageException("the amount is a decimal number, e.g. 25.00: " + amount);
      }
      Budget b = client.billing().putBudget(limit, account);
      ctx.print(List.of("ACCOUNT", "LIMIT"), List.of(List.of(b.accountId(), b.monthlyLimit().toPlainString())), b);
      return 0;
    }
  }

  /** {@code minicloud budget delete}. */
  @Command(name = "delete", mixinStandardHelpOptions = true, description = "Remove the monthly budget.")
  static final class Delete extends ClientCommand {
    @Option(names = "--account", paramLabel = "ACCOUNT_ID", description = "Another account's budget (platform root).")
    String account;

    @Override
    protected int run(MiniCloudClient client) {
      client.billing().deleteBudget(account);
      ctx.out().println("budget removed");
      return 0;
    }
  }
}
