package dev.minicloud.cli.billing;

import dev.minicloud.cli.ClientCommand;
import dev.minicloud.cli.UsageException;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.billing.Invoice;
import java.time.Clock;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minicloud invoice [yyyy-mm] [--account ID]}. */
@Command(name = "invoice", mixinStandardHelpOptions = true,
    description = "Show a month's invoice: usage priced with the price list (default: this month, still open).")
public final class InvoiceCommand extends ClientCommand {

  @Parameters(arity = "0..1", paramLabel = "YYYY-MM", description = "The month (default: the current one, UTC).")
  String month;

  @Option(names = "--account", paramLabel = "ACCOUNT_ID", description = "Another account's invoice (platform root).")
  String account;

  @Override
  protected int run(MiniCloudClient client) {
    YearMonth m;
    try {
      m = month == null ? YearMonth.now(Clock.systemUTC()) : YearMonth.parse(month);
    } catch (DateTimeParseException e) {
      throw new UsageException("the month is yyyy-mm, e.g. 2026-12: " + month);
    }
    Invoice invoice = client.billing().invoice(m, account);
    List<List<String>> rows = new ArrayList<>();
    for (Invoice.Line l : invoice.lines()) {
      rows.add(List.of(l.meter(), plain(l.quantity()) + " " + cell(l.unit()),
          plain(l.rate()) + " per " + cell(l.priceUnit()), plain(l.cost())));
    }
    rows.add(List.of("TOTAL", "", "", plain(invoice.total())));
    rows.add(List.of("AMOUNT DUE", "", "", plain(invoice.amountDue()) + " " + cell(invoice.currency())));
    if (ctx.output() == dev.minicloud.cli.MiniCloudCommand.OutputFormat.table) {
      ctx.out().println("Invoice " + invoice.month() + " for account " + invoice.accountId() + " ("
          + invoice.status() + ", price list " + invoice.priceListVersion() + ")");
    }
    ctx.print(List.of("METER", "QUANTITY", "RATE", "COST"), rows, invoice);
    return 0;
  }

  private static String plain(java.math.BigDecimal value) {
    return value == null ? "" : value.toPlainString();
  }
}
