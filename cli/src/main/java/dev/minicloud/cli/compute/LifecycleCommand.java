package dev.minicloud.cli.compute;

import dev.minicloud.cli.ClientCommand;
import dev.minicloud.cli.Spinner;
import dev.minicloud.sdk.ComputeClient;
import dev.minicloud.sdk.MiniCloudClient;
import dev.minicloud.sdk.compute.StateChange;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minicloud compute stop|start|reboot|terminate i-... [--wait]}. */
@Command(mixinStandardHelpOptions = true)
final class LifecycleCommand extends ClientCommand {

  /** The four transitions. */
  enum Action {
    STOP("Stop running instances.", "stopping", "stopped"),
    START("Start stopped instances.", "starting", "running"),
    REBOOT("Reboot running instances.", "rebooting", "running"),
    TERMINATE("Terminate instances (they stay listed for an hour).", "terminating", "terminated");

    final String description;
    final String verb;
    final String target;

    Action(String description, String verb, String target) {
      this.description = description;
      this.verb = verb;
      this.target = target;
    }
  }

  private final Action action;

  @Parameters(arity = "1..*", paramLabel = "INSTANCE_ID")
  List<String> ids;

  @Option(names = "--wait", description = "Wait until each instance is in its new state (a spinner on a terminal).")
  boolean await;

  LifecycleCommand(Action action) {
    this.action = action;
  }

  @Override
  protected int run(MiniCloudClient client) {
    ComputeClient compute = client.compute();
    List<StateChange> changes = new ArrayList<>();
    try (Spinner s = Spinner.start(ctx, action.verb + " " + String.join(" ", ids))) {
      for (String id : ids) {
        s.label(action.verb + " " + id);
        StateChange change = switch (action) {
          case STOP -> compute.stopInstance(id);
          case START -> compute.startInstance(id);
          case REBOOT -> compute.rebootInstance(id);
          case TERMINATE -> compute.terminateInstance(id);
        };
        changes.add(change);
      }
      if (await) {
        for (String id : ids) {
          s.label("waiting for " + id + " to be " + action.target);
          switch (action) {
            case STOP -> compute.waitUntilStopped(id);
            case START, REBOOT -> compute.waitUntilRunning(id);
            case TERMINATE -> compute.waitUntilTerminated(id);
            default -> throw new IllegalStateException();
          }
        }
      }
    }
    InstanceRows.printChanges(ctx, changes);
    return 0;
  }
}
