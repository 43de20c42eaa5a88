package dev.minicloud.controlplane.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.cluster.NodeKind;
import dev.minicloud.common.error.ApiErrorCode;
import dev.minicloud.common.error.ApiException;
import dev.minicloud.common.id.Ids;
import dev.minicloud.common.testing.MutableClock;
import dev.minicloud.controlplane.cluster.NodeRegistry;
import dev.minicloud.controlplane.compute.image.ImageCatalog;
import dev.minicloud.controlplane.compute.image.ImageRecord;
import dev.minicloud.controlplane.compute.instance.InstanceReconciler;
import dev.minicloud.controlplane.compute.instance.InstanceRecord;
import dev.minicloud.controlplane.compute.instance.InstanceService;
import dev.minicloud.controlplane.compute.instance.InstanceState;
import dev.minicloud.controlplane.compute.instance.InstanceStore;
import dev.minicloud.controlplane.compute.instance.InstanceView;
import dev.minicloud.controlplane.compute.instance.RunRequest;
import dev.minicloud.controlplane.compute.instance.SuspendedAccountInstances;
import dev.minicloud.controlplane.compute.placement.Placement;
import dev.minicloud.controlplane.compute.type.InstanceTypeCatalog;
import dev.minicloud.controlplane.identity.AccountRecord;
import dev.minicloud.controlplane.identity.IdentityStore;
import dev.minicloud.controlplane.identity.SecretCipher;
import dev.minicloud.controlplane.metadata.InMemoryMetadataStore;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The instance lifecycle, ownership, placement and reconciliation against in-memory agents and store. */
class InstanceServiceTest {

  private static final String ALICE = "111111111111";
  private static final String BOB = "222222222222";
  private static final long GIB = 1L << 30;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final InMemoryMetadataStore metadata = new InMemoryMetadataStore();
  private final FakeComputeAgents agents = new FakeComputeAgents();
  private final InstanceStore store = new InstanceStore(metadata);
  private NodeRegistry nodes;
  private InstanceService service;
  private InstanceReconciler reconciler;
  private ImageRecord busybox;
  @TempDir
  Path dir;

  @BeforeEach
  void setUp() {
    nodes = new NodeRegistry(metadata, clock, Duration.ofSeconds(5));
    heartbeat("ca-aaaaaaaaaaaa", 2, 4 * GIB);
    ImageCatalog images = new ImageCatalog(metadata, new Ids(), clock);
    busybox = images.seed();
    service = new InstanceService(store, images, new InstanceTypeCatalog(), new Placement(nodes), agents, new Ids(), clock);
    reconciler = new InstanceReconciler(store, agents, nodes, clock);
  }

  private void heartbeat(String agentId, int cpus, long memory) {
    nodes.heartbeat(agentId, NodeKind.COMPUTE, "http://127.0.0.1:1", null, "test",
        Map.of("cpus", cpus, "memoryBytes", memory, "dockerAvailable", true), clock.instant());
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
  }

  private static RunRequest run(String type, int count, String token) {
    return new RunRequest("busybox", type, count, count, null, Map.of("team", "a"), List.of(80), token);
  }

  private InstanceRecord runOne(String account) throws Exception {
    return await(service.run(account, run("nano", 1, null))).get(0);
  }

  private static ApiErrorCode code(Runnable call) {
    return (ApiErrorCode) assertThrows(ApiException.class, call::run).errorCode();
  }

  private static ApiErrorCode failure(Future<?> future) {
    Throwable cause = future.cause();
    assertTrue(cause instanceof ApiException, String.valueOf(cause));
    return (ApiErrorCode) ((ApiException) cause).errorCode();
  }

  @Test
  void runLaunchesRunningInstancesWithTheTypesLimitsAndDecodedUserData() throws Exception {
    String script = "echo hi\n";
    List<InstanceRecord> launched = await(service.run(ALICE, new RunRequest(busybox.imageId(), "small", 2, 2,
        Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8)), Map.of(), List.of(80, 80, 8080),
        null)));

    assertEquals(2, launched.size());
    for (InstanceRecord r : launched) {
      assertEquals(InstanceState.RUNNING, r.state());
      assertEquals(ALICE, r.accountId());
      assertEquals("small", r.instanceType());
      assertEquals(1, r.runningIntervals().size());
      assertNull(r.runningIntervals().get(0).end());
      assertEquals(List.of(80, 8080), r.requestedPorts());
      assertEquals(2, r.ports().size());
      var launch = agents.launchOf(r.instanceId());
      assertEquals(ImageCatalog.BUSYBOX_DOCKER_IMAGE, launch.image());
      assertEquals(1000, launch.cpuMillis());
      assertEquals(256L << 20, launch.memoryBytes());
      assertEquals(256, launch.pidsLimit());
      assertEquals(script, launch.userData());
    }
    assertNotEquals(launched.get(0).instanceId(), launched.get(1).instanceId());
  }

  @Test
  void anAccountSeesOnlyItsOwnInstances() throws Exception {
    InstanceRecord mine = runOne(ALICE);

    assertEquals(ApiErrorCode.INVALID_INSTANCE_ID_NOT_FOUND, code(() -> service.describe(BOB, mine.instanceId())));
    assertEquals(ApiErrorCode.INVALID_INSTANCE_ID_NOT_FOUND, code(() -> service.stop(BOB, mine.instanceId())));
    assertEquals(ApiErrorCode.INVALID_INSTANCE_ID_NOT_FOUND, code(() -> service.terminate(BOB, mine.instanceId())));
    assertTrue(service.list(BOB, new InstanceService.Filters(null, null, null, null), 1000, null).instances().isEmpty());
    assertEquals(1, service.list(ALICE, new InstanceService.Filters(null, null, null, null), 1000, null).instances().size());
    assertEquals("running", agents.on("ca-aaaaaaaaaaaa").get(mine.instanceId()), "untouched by Bob");
  }

  @Test
  void lifecycleFollowsEc2AndRecordsRunningIntervals() throws Exception {
    InstanceRecord r = runOne(ALICE);
    String id = r.instanceId();

    clock.advance(Duration.ofSeconds(100));
    InstanceView.StateChange stop = await(service.stop(ALICE, id));
    assertEquals(16, stop.previousState().code());
    assertEquals(80, stop.currentState().code());
    assertEquals(80, await(service.stop(ALICE, id)).currentState().code(), "stopping a stopped instance is a no-op");
    assertEquals(ApiErrorCode.INCORRECT_INSTANCE_STATE, code(() -> service.reboot(ALICE, id)));
    assertEquals(ApiErrorCode.INCORRECT_INSTANCE_STATE, code(() -> service.exec(ALICE, id, List.of("true"), 5)));

    clock.advance(Duration.ofSeconds(50));
    assertEquals(16, await(service.start(ALICE, id)).currentState().code());
    assertEquals(16, await(service.start(ALICE, id)).previousState().code(), "starting a running one is a no-op");
    clock.advance(Duration.ofSeconds(10));
    assertEquals(16, await(service.reboot(ALICE, id)).currentState().code());
    clock.advance(Duration.ofSeconds(20));
    InstanceView.StateChange terminate = await(service.terminate(ALICE, id));
    assertEquals(16, terminate.previousState().code());
    assertEquals(48, terminate.currentState().code());

    InstanceRecord done = service.describe(ALICE, id);
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    assertEquals(List.of(new InstanceRecord.RunningInterval(t0, t0.plusSeconds(100)),
        new InstanceRecord.RunningInterval(t0.plusSeconds(150), t0.plusSeconds(180))), done.runningIntervals(),
        "a reboot does not end an interval");
    assertEquals(t0.plusSeconds(180), done.terminatedAt());
    assertEquals(ApiErrorCode.INCORRECT_INSTANCE_STATE, code(() -> service.start(ALICE, id)));
    assertEquals(ApiErrorCode.INCORRECT_INSTANCE_STATE, code(() -> service.stop(ALICE, id)));
    assertEquals(48, await(service.terminate(ALICE, id)).currentState().code(), "terminate is idempotent");
  }

  @Test
  void terminatedInstancesStayVisibleForAnHourThenDisappear() throws Exception {
    String id = runOne(ALICE).instanceId();
    await(service.terminate(ALICE, id));

    clock.advance(Duration.ofMinutes(59));
    assertEquals(InstanceState.TERMINATED, service.describe(ALICE, id).state());
    clock.advance(Duration.ofMinutes(2));
    assertEquals(ApiErrorCode.INVALID_INSTANCE_ID_NOT_FOUND, code(() -> service.describe(ALICE, id)));
    await(reconciler.reconcileOnce());
    assertTrue(store.get(ALICE, id).isEmpty(), "purged");
  }

  @Test
  void theSameClientTokenNeverLaunchesASecondSet() throws Exception {
    List<InstanceRecord> first = await(service.run(ALICE, run("nano", 2, "tok")));
    List<InstanceRecord> again = await(service.run(ALICE, run("nano", 2, "tok")));

    assertEquals(first.stream().map(InstanceRecord::instanceId).toList(),
        again.stream().map(InstanceRecord::instanceId).toList());
    assertEquals(2, agents.on("ca-aaaaaaaaaaaa").size());
    assertEquals(ApiErrorCode.IDEMPOTENT_PARAMETER_MISMATCH, code(() -> service.run(ALICE, run("micro", 2, "tok"))));
    assertEquals(2, await(service.run(BOB, run("nano", 2, "tok"))).size(), "tokens are per account");
  }

  @Test
  void placementSpreadsOverAgentsAndRefusesWhenNothingFits() throws Exception {
    heartbeat("ca-bbbbbbbbbbbb", 2, 4 * GIB);
    Set<String> used = new HashSet<>();
    for (InstanceRecord r : await(service.run(ALICE, run("micro", 4, null)))) {
      used.add(r.agentId());
    }
    assertEquals(Set.of("ca-aaaaaaaaaaaa", "ca-bbbbbbbbbbbb"), used);

    // 2 x 4 GiB of memory: 6 large (1 GiB) fit after 4 micros, 8 do not.
    assertEquals(ApiErrorCode.INSUFFICIENT_INSTANCE_CAPACITY, code(() -> service.run(ALICE, run("large", 8, null))));
    List<InstanceRecord> some = await(service.run(ALICE, new RunRequest("busybox", "large", 1, 8, null, null, null, null)));
    assertEquals(6, some.size(), "maxCount is a ceiling, minCount the floor");
  }

  @Test
  void importedImagesArePrivateAndOnlyTheirOwnerDeregistersThem() throws Exception {
    ImageCatalog images = new ImageCatalog(metadata, new Ids(), clock);
    ImageRecord mine = images.register(images.newImageId(), "mine", "test", "minicloud/img-x:latest", ALICE);

    assertEquals(mine.imageId(), images.resolve(ALICE, "mine").imageId());
    assertEquals(ApiErrorCode.INVALID_AMI_ID_NOT_FOUND, code(() -> images.resolve(BOB, mine.imageId())));
    assertEquals(2, images.visibleTo(ALICE).size());
    assertEquals(1, images.visibleTo(BOB).size());
    assertEquals(ApiErrorCode.INVALID_AMI_ID_NOT_FOUND, code(() -> images.deregister(BOB, mine.imageId())));
    assertEquals(ApiErrorCode.ACCESS_DENIED, code(() -> images.deregister(ALICE, busybox.imageId())));

    images.deregister(ALICE, mine.imageId());
    assertEquals(ApiErrorCode.INVALID_AMI_ID_NOT_FOUND, code(() -> images.resolve(ALICE, "mine")));
    assertEquals(busybox.imageId(), images.seed().imageId(), "seeding is idempotent");
  }

  @Test
  void invalidRequestsAreRefused() {
    assertEquals(ApiErrorCode.INVALID_PARAMETER_VALUE, code(() -> service.run(ALICE, run("huge", 1, null))));
    assertEquals(ApiErrorCode.INVALID_AMI_ID_NOT_FOUND,
        code(() -> service.run(ALICE, new RunRequest("img-00000000000000000", "nano", 1, 1, null, null, null, null))));
    assertEquals(ApiErrorCode.MISSING_PARAMETER,
        code(() -> service.run(ALICE, new RunRequest(null, "nano", 1, 1, null, null, null, null))));
    assertEquals(ApiErrorCode.INVALID_PARAMETER_VALUE,
        code(() -> service.run(ALICE, new RunRequest("busybox", "nano", 2, 1, null, null, null, null))));
    assertEquals(ApiErrorCode.INVALID_PARAMETER_VALUE,
        code(() -> service.run(ALICE, new RunRequest("busybox", "nano", 1, 1, "not base64!", null, null, null))));
    String tooBig = Base64.getEncoder().encodeToString(new byte[InstanceService.MAX_USER_DATA_BYTES + 1]);
    assertEquals(ApiErrorCode.INVALID_PARAMETER_VALUE,
        code(() -> service.run(ALICE, new RunRequest("busybox", "nano", 1, 1, tooBig, null, null, null))));
    assertEquals(ApiErrorCode.INVALID_PARAMETER_VALUE,
        code(() -> service.run(ALICE, new RunRequest("busybox", "nano", 1, 1, null, null, List.of(0), null))));
    assertEquals(ApiErrorCode.INVALID_INSTANCE_ID_NOT_FOUND, code(() -> service.describe(ALICE, "i-0123456789abcdef0")));
    assertEquals(ApiErrorCode.INVALID_INSTANCE_ID_NOT_FOUND, code(() -> service.describe(ALICE, "../etc")));
  }

  @Test
  void describeFiltersAndPages() throws Exception {
    List<InstanceRecord> three = await(service.run(ALICE, run("nano", 3, null)));
    String stopped = three.get(1).instanceId();
    await(service.stop(ALICE, stopped));

    Set<String> seen = new HashSet<>();
    String next = null;
    int pages = 0;
    do {
      InstanceService.Page page = service.list(ALICE, new InstanceService.Filters(null, null, null, null), 2, next);
      page.instances().forEach(r -> seen.add(r.instanceId()));
      next = page.nextToken();
      pages++;
    } while (next != null);
    assertEquals(2, pages);
    assertEquals(3, seen.size());

    assertEquals(List.of(stopped), service.list(ALICE, new InstanceService.Filters(EnumSet.of(InstanceState.STOPPED),
        null, null, null), 10, null).instances().stream().map(InstanceRecord::instanceId).toList());
    assertEquals(3, service.list(ALICE, new InstanceService.Filters(null, "nano", busybox.imageId(),
        Map.of("team", "a")), 10, null).instances().size());
    assertEquals(0, service.list(ALICE, new InstanceService.Filters(null, null, null, Map.of("team", "b")), 10, null)
        .instances().size());
    assertEquals(ApiErrorCode.INVALID_PARAMETER_VALUE,
        code(() -> service.list(ALICE, new InstanceService.Filters(null, null, null, null), 2, "garbage!")));
  }

  @Test
  void theReconcilerReportsInstancesKilledOrRemovedBehindThePlatformsBack() throws Exception {
    List<InstanceRecord> two = await(service.run(ALICE, run("nano", 2, null)));
    String killed = two.get(0).instanceId();
    String removed = two.get(1).instanceId();
    agents.kill("ca-aaaaaaaaaaaa", killed);
    agents.remove("ca-aaaaaaaaaaaa", removed);
    clock.advance(Duration.ofSeconds(30));

    await(reconciler.reconcileOnce());

    InstanceRecord k = service.describe(ALICE, killed);
    assertEquals(InstanceState.STOPPED, k.state());
    assertTrue(k.stateReason().startsWith("Server.InstanceStopped"), k.stateReason());
    assertEquals(clock.instant(), k.runningIntervals().get(0).end());
    assertEquals(InstanceState.TERMINATED, service.describe(ALICE, removed).state());
    assertEquals(ApiErrorCode.INCORRECT_INSTANCE_STATE, code(() -> service.reboot(ALICE, removed)));

    // Started again behind our back: running again, a new interval.
    agents.start("ca-aaaaaaaaaaaa", killed);
    await(reconciler.reconcileOnce());
    assertEquals(InstanceState.RUNNING, service.describe(ALICE, killed).state());
    assertEquals(2, service.describe(ALICE, killed).runningIntervals().size());
  }

  @Test
  void theReconcilerDoesNotMistakeARebootForADeath() throws Exception {
    String id = runOne(ALICE).instanceId();
    clock.advance(Duration.ofSeconds(30));
    agents.duringReboot(() -> {
      assertEquals(ApiErrorCode.INCORRECT_INSTANCE_STATE, code(() -> service.stop(ALICE, id)), "reboot in flight");
      assertEquals(ApiErrorCode.INCORRECT_INSTANCE_STATE, code(() -> service.reboot(ALICE, id)), "reboot in flight");
      try {
        await(reconciler.reconcileOnce());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });

    assertEquals(16, await(service.reboot(ALICE, id)).currentState().code());

    InstanceRecord r = service.describe(ALICE, id);
    assertEquals(InstanceState.RUNNING, r.state());
    assertNull(r.operation());
    assertEquals(1, r.runningIntervals().size(), "one uninterrupted running interval");
    assertNull(r.runningIntervals().get(0).end());
  }

  @Test
  void anUnreachableAgentFailsTheCallAndLeavesTheStateAsItWas() throws Exception {
    String id = runOne(ALICE).instanceId();
    agents.unreachable("ca-aaaaaaaaaaaa");

    assertEquals(ApiErrorCode.SERVICE_UNAVAILABLE, failure(service.stop(ALICE, id)));
    assertEquals(InstanceState.RUNNING, service.describe(ALICE, id).state());
    await(reconciler.reconcileOnce());
    assertEquals(InstanceState.RUNNING, service.describe(ALICE, id).state(), "unknown is not dead");
  }

  @Test
  void anInstanceWhoseContainerVanishedIsTerminatedWhenTouched() throws Exception {
    String id = runOne(ALICE).instanceId();
    agents.remove("ca-aaaaaaaaaaaa", id);

    assertEquals(ApiErrorCode.INCORRECT_INSTANCE_STATE, failure(service.stop(ALICE, id)));
    assertEquals(InstanceState.TERMINATED, service.describe(ALICE, id).state());
  }

  @Test
  void suspendedAccountsHaveTheirRunningInstancesStoppedAndKeptStopped() throws Exception {
    IdentityStore identity = new IdentityStore(metadata, SecretCipher.loadOrCreate(dir.resolve("master.key")));
    String carol = identity.createAccount("carol", clock.instant()).record().accountId();
    String dave = identity.createAccount("dave", clock.instant()).record().accountId();
    String running = runOne(carol).instanceId();
    String alsoRunning = runOne(carol).instanceId();
    String alreadyStopped = runOne(carol).instanceId();
    await(service.stop(carol, alreadyStopped));
    String other = runOne(dave).instanceId();
    SuspendedAccountInstances suspension = new SuspendedAccountInstances(service, identity);
    String agent = "ca-aaaaaaaaaaaa";

    // Marked suspended, then a "crash" before anything was stopped: the periodic pass does it.
    identity.setStatus(carol, AccountRecord.Status.SUSPENDED);
    assertEquals(2, suspension.enforceAll());
    for (String id : List.of(running, alsoRunning, alreadyStopped)) {
      assertEquals(InstanceState.STOPPED, service.describe(carol, id).state(), id);
      assertEquals("stopped", agents.on(agent).get(id), id);
    }
    assertEquals(SuspendedAccountInstances.REASON, service.describe(carol, running).stateReason());
    assertEquals(InstanceState.RUNNING, service.describe(dave, other).state(), "other accounts are untouched");
    assertEquals(0, suspension.enforceAll(), "nothing left to stop");

    // Started behind the platform's back: the reconciler reports it running, the next pass stops it.
    agents.on(agent).put(running, "running");
    clock.advance(Duration.ofSeconds(1));
    await(reconciler.reconcileOnce());
    assertEquals(InstanceState.RUNNING, service.describe(carol, running).state());
    // An agent that cannot be reached: the stop fails, the record stays running, a later pass retries.
    agents.unreachable(agent);
    assertEquals(List.of(running), suspension.enforce(carol));
    assertEquals(InstanceState.RUNNING, service.describe(carol, running).state());
    agents.unreachable(null);
    assertEquals(1, suspension.enforceAll());
    assertEquals(InstanceState.STOPPED, service.describe(carol, running).state());

    // Reactivation starts nothing.
    identity.setStatus(carol, AccountRecord.Status.ACTIVE);
    assertEquals(0, suspension.enforceAll());
    assertEquals(InstanceState.STOPPED, service.describe(carol, running).state());
    assertEquals(InstanceState.STOPPED, service.describe(carol, alsoRunning).state());
  }
}
