package dev.minicloud.sdk.compute;

/**
 * An instance's lifecycle state, with EC2's codes: pending(0), running(16), shutting-down(32),
 * terminated(48), stopping(64), stopped(80).
 *
 * @param code the numeric state code
 * @param name the state's name, e.g. {@code running}
 */
public record InstanceState(int code, String name) {

  /** Code of {@code pending}. */
  public static final int PENDING = 0;
  /** Code of {@code running}. */
  public static final int RUNNING = 16;
  /** Code of {@code shutting-down}. */
  public static final int SHUTTING_DOWN = 32;
  /** Code of {@code terminated}. */
  public static final int TERMINATED = 48;
  /** Code of {@code stopping}. */
  public static final int STOPPING = 64;
  /** Code of {@code stopped}. */
  public static final int STOPPED = 80;

  /** True when the state's name is {@code name} (e.g. {@code "running"}). */
  public boolean is(String name) {
    return name.equals(this.name);
  }

  @Override
  public String toString() {
    return name;
  }
}
