package dev.minicloud.computeagent.runtime;

/** A container's state as the engine reports it, reduced to what an instance needs. */
public enum ContainerStatus {
  CREATED,
  RUNNING,
  PAUSED,
  RESTARTING,
  REMOVING,
  EXITED,
  DEAD;

  /** The engine's word ({@code running}, {@code exited}, ...); unknown words count as {@link #DEAD}. */
  public static ContainerStatus fromEngine(String state) {
    if (state == null) {
      return DEAD;
    }
    return switch (state.toLowerCase(java.util.Locale.ROOT)) {
      case "created" -> CREATED;
      case "running" -> RUNNING;
      case "paused" -> PAUSED;
      case "restarting" -> RESTARTING;
      case "removing" -> REMOVING;
      case "exited" -> EXITED;
      default -> DEAD;
    };
  }
}
