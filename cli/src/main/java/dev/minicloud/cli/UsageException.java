package dev.minicloud.cli;

/** The command was given arguments it cannot work with: exit code 2. */
public final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
