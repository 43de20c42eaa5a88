package dev.minicloud.cli;

import dev.minicloud.sdk.MiniCloudException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one line on stderr and an exit code: 1 for service errors (with the
 * service's code and request id) and failed operations, 2 for usage errors. A stack trace only
 * with {@code --debug}.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

  /** Exit code of a usage error (bad arguments), as picocli uses for parse errors. */
  static final int USAGE = 2;
  /** Exit code of a failed operation or service error. */
  static final int FAILED = 1;

  private final MiniCloudCommand root;

  ErrorHandler(MiniCloudCommand root) {
    this.root = root;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (root.debug) {
      ex.printStackTrace(err);
    }
    int code;
    if (ex instanceof MiniCloudException e) {
      err.println("error: " + e.code() + ": " + e.getMessage()
          + (e.requestId() == null ? "" : " (request id " + e.requestId() + ")"));
      code = FAILED;
    } else if (ex instanceof UsageException || ex instanceof IllegalArgumentException) {
      err.println("error: " + ex.getMessage());
      err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
      code = USAGE;
    } else if (ex instanceof UncheckedIOException e) {
      err.println("error: " + e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause()));
      code = FAILED;
    } else {
      err.println("error: " + ex);
      code = FAILED;
    }
    err.flush();
    return code;
  }
}
