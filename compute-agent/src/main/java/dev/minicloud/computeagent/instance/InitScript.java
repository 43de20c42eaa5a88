package dev.minicloud.computeagent.instance;

import java.util.List;

/**
 * The command every instance container runs as PID 1: it writes the user data (passed in
 * {@value #USER_DATA_ENV}) to {@value #USER_DATA_FILE} and runs it with {@code sh} at every boot
 * (so services it starts come back after stop/start and reboot), with {@code MINICLOUD_FIRST_BOOT=1}
 * only on the first. Its output goes to the console. Then it idles until SIGTERM, which it honours
 * at once (a shell as PID 1 otherwise ignores it and every stop would wait for SIGKILL). Needs only
 * a POSIX {@code sh} with {@code printf}, {@code mkdir} and {@code sleep}.
 */
public final class InitScript {

  public static final String USER_DATA_ENV = "MINICLOUD_USER_DATA";
  public static final String USER_DATA_FILE = "/var/lib/minicloud/user-data";

  static final String SCRIPT = String.join("\n",
      "trap 'exit 0' TERM INT",
      "mkdir -p /var/lib/minicloud",
      "if [ -n \"${" + USER_DATA_ENV + ":-}\" ]; then printf '%s\\n' \"$" + USER_DATA_ENV + "\" > " + USER_DATA_FILE + "; fi",
      "unset " + USER_DATA_ENV,
      "if [ -e /var/lib/minicloud/booted ]; then MINICLOUD_FIRST_BOOT=0; else MINICLOUD_FIRST_BOOT=1; : > /var/lib/minicloud/booted; fi",
      "export MINICLOUD_FIRST_BOOT",
      "if [ -s " + USER_DATA_FILE + " ]; then echo \"[minicloud] running user data\"; sh " + USER_DATA_FILE
          + "; echo \"[minicloud] user data exited with status $?\"; fi",
      "while :; do sleep 3600 & wait $!; done");

  private InitScript() {}

  /** The container command. */
  public static List<String> command() {
    return List.of("sh", "-c", SCRIPT);
  }
}
