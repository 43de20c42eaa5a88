package dev.minicloud.computeagent;

import dev.minicloud.computeagent.runtime.ContainerConflictException;
import dev.minicloud.computeagent.runtime.ContainerInfo;
import dev.minicloud.computeagent.runtime.ContainerNotFoundException;
import dev.minicloud.computeagent.runtime.ContainerRuntime;
import dev.minicloud.computeagent.runtime.ContainerRuntimeUnavailableException;
import dev.minicloud.computeagent.runtime.ContainerSpec;
import dev.minicloud.computeagent.runtime.ContainerStatus;
import dev.minicloud.computeagent.runtime.ExecResult;
import dev.minicloud.computeagent.runtime.RuntimeInfo;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test fixture: a container engine in memory. Its availability can be switched off; containers
 * created are kept with their spec, so tests check what the agent asked for.
 */
public final class FakeContainerRuntime implements ContainerRuntime {

  static final RuntimeInfo INFO = new RuntimeInfo(4, 8L << 30, "fake-24.0");

  /** A container the fake holds. */
  public static final class FakeContainer {
    final String id;
    final ContainerSpec spec;
    volatile ContainerStatus status = ContainerStatus.CREATED;
    volatile Instant startedAt;
    volatile Instant finishedAt;
    volatile int starts;

    FakeContainer(String id, ContainerSpec spec) {
      this.id = id;
      this.spec = spec;
    }

    public ContainerSpec spec() {
      return spec;
    }

    public int starts() {
      return starts;
    }
  }

  private final Map<String, FakeContainer> containers = new ConcurrentHashMap<>();
  private final Set<String> images = ConcurrentHashMap.newKeySet();
  private final Set<String> networks = ConcurrentHashMap.newKeySet();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile boolean available = true;
  private volatile boolean closed;
  private int nextPort = 32768;
  volatile long importedBytes = -1;

  public FakeContainerRuntime() {
    images.add("minicloud/busybox:latest");
  }

  public void removeImage(String image) {
    images.remove(image);
  }

  public void setAvailable(boolean available) {
    this.available = available;
  }

  boolean isClosed() {
    return closed;
  }

  public Set<String> networks() {
    return networks;
  }

  public List<FakeContainer> containers() {
    return new ArrayList<>(containers.values());
  }

  /** Simulates a container dying behind the agent's back (e.g. {@code docker kill}). */
  public void kill(String containerId) {
    FakeContainer c = containers.get(containerId);
    c.status = ContainerStatus.EXITED;
    c.finishedAt = Instant.now();
  }

  /** Simulates a container removed behind the agent's back ({@code docker rm -f}). */
  public void delete(String containerId) {
    containers.remove(containerId);
  }

  @Override
  public void ping() {
    check();
  }

  @Override
  public RuntimeInfo info() {
    check();
    return INFO;
  }

  @Override
  public void ensureNetwork(String name) {
    check();
    networks.add(name);
  }

  @Override
  public boolean imageExists(String image) {
    check();
    return images.contains(image);
  }

  @Override
  public String create(ContainerSpec spec) {
    check();
    if (!images.contains(spec.image())) {
      throw new ContainerNotFoundException("no image " + spec.image(), null);
    }
    if (containers.values().stream().anyMatch(c -> c.spec.name().equals(spec.name()))) {
      throw new ContainerConflictException("name in use: " + spec.name(), null);
    }
    String id = String.format("%064x", ids.incrementAndGet());
    containers.put(id, new FakeContainer(id, spec));
    return id;
  }

  @Override
  public void start(String containerId) {
    FakeContainer c = get(containerId);
    if (c.status != ContainerStatus.RUNNING) {
      c.status = ContainerStatus.RUNNING;
      c.startedAt = Instant.now();
      c.finishedAt = null;
      c.starts++;
    }
  }

  @Override
  public void stop(String containerId, Duration grace) {
    FakeContainer c = get(containerId);
    if (c.status == ContainerStatus.RUNNING) {
      c.status = ContainerStatus.EXITED;
      c.finishedAt = Instant.now();
    }
  }

  @Override
  public void restart(String containerId, Duration grace) {
    stop(containerId, grace);
    start(containerId);
  }

  @Override
  public void remove(String containerId) {
    check();
    containers.remove(containerId);
  }

  @Override
  public Optional<ContainerInfo> inspect(String containerId) {
    check();
    FakeContainer byId = containers.get(containerId);
    if (byId != null) {
      return Optional.of(info(byId));
    }
    return containers.values().stream().filter(c -> c.spec.name().equals(containerId)).findFirst().map(this::info);
  }

  @Override
  public List<ContainerInfo> list(Map<String, String> labels) {
    check();
    return containers.values().stream()
        .filter(c -> c.spec.labels().entrySet().containsAll(labels.entrySet()))
        .map(this::info)
        .toList();
  }

  @Override
  public String logs(String containerId, int tail) {
    FakeContainer c = get(containerId);
    return "console of " + c.spec.name() + "\n";
  }

  @Override
  public AutoCloseable followLogs(String containerId, int tail, java.util.function.Consumer<byte[]> output,
      java.util.function.Consumer<Throwable> end) {
    FakeContainer c = get(containerId);
    output.accept(("console of " + c.spec.name() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    end.accept(null);
    return () -> { };
  }

  @Override
  public ExecResult exec(String containerId, List<String> command, Duration timeout) {
    get(containerId);
    return new ExecResult(0, String.join(" ", command) + "\n", "", false);
  }

  @Override
  public void importImage(java.nio.file.Path rootfsTarball, String repository, String tag) {
    check();
    try {
      importedBytes = java.nio.file.Files.size(rootfsTarball);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    images.add(repository + ":" + tag);
  }

  @Override
  public void close() {
    closed = true;
  }

  private synchronized ContainerInfo info(FakeContainer c) {
    List<ContainerInfo.PortMapping> ports = new ArrayList<>();
    if (c.status == ContainerStatus.RUNNING) {
      for (int p : c.spec.ports()) {
        ports.add(new ContainerInfo.PortMapping(p, c.spec.hostAddress(), nextPort++));
      }
    }
    return new ContainerInfo(c.id, c.spec.name(), c.spec.image(), new LinkedHashMap<>(c.spec.labels()), c.status,
        c.startedAt, c.finishedAt, c.status == ContainerStatus.RUNNING ? null : 0L, ports);
  }

  private FakeContainer get(String containerId) {
    check();
    FakeContainer c = containers.get(containerId);
    if (c == null) {
      throw new ContainerNotFoundException("no container " + containerId, null);
    }
    return c;
  }

  private void check() {
    if (!available) {
      throw new ContainerRuntimeUnavailableException("fake engine switched off", new ConnectException("refused"));
    }
  }
}
