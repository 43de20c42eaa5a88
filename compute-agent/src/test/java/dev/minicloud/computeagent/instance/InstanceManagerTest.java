package dev.minicloud.computeagent.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.computeagent.FakeContainerRuntime;
import dev.minicloud.computeagent.runtime.ContainerSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The agent's instance logic against an in-memory engine. */
class InstanceManagerTest {

  private static final String ID = "i-0123456789abcdef0";

  private final FakeContainerRuntime runtime = new FakeContainerRuntime();
  private final InstanceManager manager = manager("ca-000000000001");

  private InstanceManager manager(String agentId) {
    return new InstanceManager(runtime, agentId, "minicloud0", "127.0.0.1", Duration.ofSeconds(5));
  }

  private static LaunchRequest launch(String id, String userData) {
    return new LaunchRequest(id, "123456789012", "img-0123456789abcdef0", "minicloud/busybox:latest", "nano", 250,
        64L << 20, 64, userData, List.of(80));
  }

  private static ApiErrorCode code(Runnable call) {
    return (ApiErrorCode) assertThrows(ApiException.class, call::run).errorCode();
  }

  @Test
  void launchCreatesAHardenedLabelledLimitedContainerAndStartsIt() {
    AgentInstance i = manager.launch(launch(ID, "httpd -p 80\n"));

    assertEquals("running", i.state());
    assertEquals(List.of(80), i.ports().stream().map(p -> p.containerPort()).toList());
    assertEquals("127.0.0.1", i.ports().get(0).hostAddress());
    assertTrue(runtime.networks().contains("minicloud0"));
    ContainerSpec spec = runtime.containers().get(0).spec();
    assertEquals("minicloud-" + ID, spec.name());
    assertEquals(Map.of(InstanceLabels.MANAGED, "true", InstanceLabels.AGENT, "ca-000000000001",
        InstanceLabels.INSTANCE_ID, ID, InstanceLabels.ACCOUNT, "123456789012", InstanceLabels.INSTANCE_TYPE, "nano",
        InstanceLabels.IMAGE_ID, "img-0123456789abcdef0"), spec.labels());
    assertEquals(250, spec.cpuMillis());
    assertEquals(64L << 20, spec.memoryBytes());
    assertEquals(64, spec.pidsLimit());
    assertEquals("minicloud0", spec.network());
    assertEquals("127.0.0.1", spec.hostAddress());
    assertEquals(ContainerSpec.DEFAULT_CAP_ADD, spec.capAdd());
    assertEquals(List.of("MINICLOUD_USER_DATA=httpd -p 80\n"), spec.env());
    assertEquals(InitScript.command(), spec.command());
  }

  @Test
  void launchIsIdempotentOnTheInstanceId() {
    String first = manager.launch(launch(ID, null)).containerId();
    String second = manager.launch(launch(ID, null)).containerId();

    assertEquals(first, second);
    assertEquals(1, runtime.containers().size());
    assertTrue(runtime.containers().get(0).spec().env().isEmpty(), "no user data, no variable");
  }

  @Test
  void stateIsRebuiltFromLabelsAndEachAgentSeesOnlyItsOwnContainers() {
    manager.launch(launch(ID, null));
    InstanceManager other = manager("ca-000000000002");
    other.launch(launch("i-0123456789abcdef1", null));

    InstanceManager restarted = manager("ca-000000000001");
    assertEquals(List.of(ID), restarted.list().stream().map(AgentInstance::instanceId).toList());
    assertEquals("running", restarted.describe(ID).state());
    assertEquals(ApiErrorCode.INVALID_INSTANCE_ID_NOT_FOUND, code(() -> restarted.describe("i-0123456789abcdef1")));
  }

  @Test
  void lifecycle() {
    manager.launch(launch(ID, null));

    assertEquals("stopped", manager.stop(ID).state());
    assertTrue(manager.describe(ID).ports().isEmpty());
    assertEquals(ApiErrorCode.INCORRECT_INSTANCE_STATE, code(() -> manager.reboot(ID)));
    assertEquals(ApiErrorCode.INCORRECT_INSTANCE_STATE, code(() -> manager.exec(ID, List.of("true"), Duration.ofSeconds(1))));
    assertEquals("running", manager.start(ID).state());
    assertEquals("running", manager.reboot(ID).state());
    assertEquals(3, runtime.containers().get(0).starts());
    assertEquals("echo hi\n", manager.exec(ID, List.of("echo", "hi"), Duration.ofSeconds(1)).stdout());
    assertTrue(manager.console(ID, 10).contains("minicloud-" + ID));

    assertEquals("terminated", manager.terminate(ID).state());
    assertTrue(runtime.containers().isEmpty());
    assertEquals("terminated", manager.terminate(ID).state(), "idempotent");
    assertEquals(ApiErrorCode.INVALID_INSTANCE_ID_NOT_FOUND, code(() -> manager.stop(ID)));
  }

  @Test
  void aContainerKilledBehindTheAgentsBackIsStopped() {
    String container = manager.launch(launch(ID, null)).containerId();
    runtime.kill(container);

    assertEquals("stopped", manager.describe(ID).state());
    assertEquals("stopped", manager.list().get(0).state());
  }

  @Test
  void badLaunchesAreRefused() {
    assertEquals(ApiErrorCode.INVALID_PARAMETER_VALUE, code(() -> manager.launch(launch("i-xyz", null))));
    assertEquals(ApiErrorCode.INVALID_PARAMETER_VALUE, code(() -> manager.launch(launch(ID, "a\0b"))));
    assertEquals(ApiErrorCode.INVALID_AMI_ID_NOT_FOUND, code(() -> manager.launch(new LaunchRequest(ID, "123456789012",
        "img-0123456789abcdef0", "no/such:image", "nano", 250, 64L << 20, 64, null, List.of()))));
    assertFalse(runtime.containers().stream().anyMatch(c -> c.spec().image().equals("no/such:image")));
    assertEquals(ApiErrorCode.INVALID_INSTANCE_ID_NOT_FOUND, code(() -> manager.describe("../../etc")));
  }
}
