package dev.minicloud.computeagent.runtime;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ContainerRuntime} on a Docker engine through docker-java and its Apache HttpClient 5
 * transport. The only class of the agent that imports docker-java.
 */
public final class DockerContainerRuntime implements ContainerRuntime {

  /** The local engine's socket. */
  public static final String DEFAULT_DOCKER_HOST = "unix:///var/run/docker.sock";

  /** Time allowed to connect to the engine. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);

  /** Time allowed for the engine's answer to a call. */
  public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(DockerContainerRuntime.class);

  private final String dockerHost;
  private final DockerClient client;
  private final DockerHttpClient http;
  private DockerClient streamingClient; // guarded by this

  /** Longest a followed console stream may stay silent before the engine connection is dropped. */
  private static final Duration STREAM_TIMEOUT = Duration.ofHours(1);

  /** A runtime on the engine at {@code dockerHost}, e.g. {@value #DEFAULT_DOCKER_HOST} or {@code tcp://127.0.0.1:2375}. */
  public DockerContainerRuntime(String dockerHost) {
    this(dockerHost, DEFAULT_CONNECT_TIMEOUT, DEFAULT_RESPONSE_TIMEOUT);
  }

  public DockerContainerRuntime(String dockerHost, Duration connectTimeout, Duration responseTimeout) {
    this.dockerHost = Objects.requireNonNull(dockerHost, "dockerHost");
    DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(dockerHost)
        .build();
    this.http = new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .sslConfig(config.getSSLConfig())
        .maxConnections(32)
        .connectionTimeout(connectTimeout)
        .responseTimeout(responseTimeout)
        .build();
    this.client = DockerClientImpl.getInstance(config, http);
  }

  @Override
  public void ping() {
    call("ping", () -> client.pingCmd().exec());
  }

  @Override
  public RuntimeInfo info() {
    Info info = call("info", () -> client.infoCmd().exec());
    return new RuntimeInfo(
        info.getNCPU() == null ? 0 : info.getNCPU(),
        info.getMemTotal() == null ? 0 : info.getMemTotal(),
        info.getServerVersion());
  }

  /** At most this much of an exec's stdout/stderr and of console output is kept (the rest is cut). */
  public static final int MAX_OUTPUT_BYTES = 1 << 20;

  private static final long CPU_PERIOD_MICROS = 100_000L;

  @Override
  public void ensureNetwork(String name) {
    call("network " + name, () -> {
      boolean exists = client.listNetworksCmd().withNameFilter(name).exec().stream()
          .anyMatch(n -> name.equals(n.getName()));
      if (!exists) {
        try {
          client.createNetworkCmd().withName(name).withDriver("bridge").withCheckDuplicate(true)
              .withOptions(Map.of("com.docker.network.bridge.name", name)).exec();
          LOG.info("Created bridge network {}", name);
        } catch (ConflictException raced) {
          LOG.debug("Network {} was created concurrently", name);
        }
      }
      return null;
    });
  }

  @Override
  public boolean imageExists(String image) {
    return call("inspect image " + image, () -> {
      try {
        client.inspectImageCmd(image).exec();
        return true;
      } catch (NotFoundException e) {
        return false;
      }
    });
  }

  @Override
  public String create(ContainerSpec spec) {
    List<ExposedPort> exposed = new ArrayList<>();
    Ports bindings = new Ports();
    for (int port : spec.ports()) {
      ExposedPort tcp = ExposedPort.tcp(port);
      exposed.add(tcp);
      bindings.add(new PortBinding(Ports.Binding.bindIp(spec.hostAddress()), tcp));
    }
    HostConfig host = HostConfig.newHostConfig()
        .withPrivileged(false)
        .withCapDrop(Capability.ALL)
        .withCapAdd(spec.capAdd().stream().map(Capability::valueOf).toArray(Capability[]::new))
        .withSecurityOpts(List.of("no-new-privileges"))
        .withBinds(List.of())
        .withNetworkMode(spec.network())
        .withMemory(spec.memoryBytes())
        .withMemorySwap(spec.memoryBytes())
        .withCpuPeriod(CPU_PERIOD_MICROS)
        .withCpuQuota(spec.cpuMillis() * CPU_PERIOD_MICROS / 1000)
        .withPidsLimit(spec.pidsLimit())
        .withPortBindings(bindings)
        .withPublishAllPorts(false);
    return call("create " + spec.name(), () -> {
      try {
        return client.createContainerCmd(spec.image())
            .withName(spec.name())
            .withHostName(spec.hostname())
            .withLabels(spec.labels())
            .withEnv(spec.env())
            .withCmd(spec.command())
            .withExposedPorts(exposed)
            .withHostConfig(host)
            .withStopTimeout(10)
            .exec()
            .getId();
      } catch (NotFoundException e) {
        throw new ContainerNotFoundException("image " + spec.image() + " does not exist on " + dockerHost, e);
      } catch (ConflictException e) {
        throw new ContainerConflictException("a container named " + spec.name() + " already exists", e);
      }
    });
  }

  @Override
  public void start(String containerId) {
    call("start " + containerId, () -> {
      try {
        client.startContainerCmd(containerId).exec();
      } catch (NotModifiedException alreadyRunning) {
        LOG.debug("{} was already running", containerId);
      }
      return null;
    });
  }

  @Override
  public void stop(String containerId, Duration grace) {
    call("stop " + containerId, () -> {
      try {
        client.stopContainerCmd(containerId).withTimeout((int) grace.toSeconds()).exec();
      } catch (NotModifiedException alreadyStopped) {
        LOG.debug("{} was already stopped", containerId);
      }
      return null;
    });
  }

  @Override
  public void restart(String containerId, Duration grace) {
    call("restart " + containerId, () -> {
      client.restartContainerCmd(containerId).withTimeout((int) grace.toSeconds()).exec();
      return null;
    });
  }

  @Override
  public void remove(String containerId) {
    try {
      call("remove " + containerId, () -> {
        client.removeContainerCmd(containerId).withForce(true).withRemoveVolumes(true).exec();
        return null;
      });
    } catch (ContainerNotFoundException gone) {
      LOG.debug("{} was already removed", containerId);
    }
  }

  @Override
  public Optional<ContainerInfo> inspect(String containerId) {
    try {
      return Optional.of(call("inspect " + containerId, () -> toInfo(client.inspectContainerCmd(containerId).exec())));
    } catch (ContainerNotFoundException gone) {
      return Optional.empty();
    }
  }

  @Override
  public List<ContainerInfo> list(Map<String, String> labels) {
    List<Container> containers = call("list", () ->
        client.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec());
    List<ContainerInfo> result = new ArrayList<>();
    for (Container c : containers) {
      result.add(toInfo(c));
    }
    result.sort(Comparator.comparing(ContainerInfo::name));
    return result;
  }

  @Override
  public String logs(String containerId, int tail) {
    return call("logs " + containerId, () -> {
      BoundedOutput out = new BoundedOutput();
      ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
        @Override
        public void onNext(Frame frame) {
          out.write(frame.getPayload());
        }
      };
      try {
        client.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTail(tail).exec(callback)
            .awaitCompletion(DEFAULT_RESPONSE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ContainerRuntimeException("interrupted reading logs of " + containerId, e);
      }
      return out.text();
    });
  }

  @Override
  public AutoCloseable followLogs(String containerId, int tail, java.util.function.Consumer<byte[]> output,
      java.util.function.Consumer<Throwable> end) {
    ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(Frame frame) {
        output.accept(frame.getPayload());
      }

      @Override
      public void onComplete() {
        super.onComplete();
        end.accept(null);
      }

      @Override
      public void onError(Throwable failure) {
        super.onError(failure);
        end.accept(failure);
      }
    };
    return call("follow logs of " + containerId, () -> streaming().logContainerCmd(containerId).withStdOut(true)
        .withStdErr(true).withTail(tail).withFollowStream(true).exec(callback));
  }

  /** A client without a response timeout, for streams that may stay quiet for long. */
  private synchronized DockerClient streaming() {
    if (streamingClient == null) {
      DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(dockerHost).build();
      streamingClient = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder()
          .dockerHost(config.getDockerHost())
          .sslConfig(config.getSSLConfig())
          .maxConnections(64)
          .connectionTimeout(DEFAULT_CONNECT_TIMEOUT)
          .responseTimeout(STREAM_TIMEOUT)
          .build());
    }
    return streamingClient;
  }

  @Override
  public ExecResult exec(String containerId, List<String> command, Duration timeout) {
    return call("exec in " + containerId, () -> {
      String execId = client.execCreateCmd(containerId).withCmd(command.toArray(String[]::new))
          .withAttachStdout(true).withAttachStderr(true).exec().getId();
      BoundedOutput stdout = new BoundedOutput();
      BoundedOutput stderr = new BoundedOutput();
      ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
        @Override
        public void onNext(Frame frame) {
          (frame.getStreamType() == StreamType.STDERR ? stderr : stdout).write(frame.getPayload());
        }
      };
      boolean finished;
      try {
        finished = client.execStartCmd(execId).exec(callback).awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ContainerRuntimeException("interrupted running a command in " + containerId, e);
      }
      if (!finished) {
        try {
          callback.close();
        } catch (IOException e) {
          LOG.debug("closing exec stream of {} failed", containerId, e);
        }
        return new ExecResult(null, stdout.text(), stderr.text(), true);
      }
      Long exit = client.inspectExecCmd(execId).exec().getExitCodeLong();
      return new ExecResult(exit == null ? null : exit.intValue(), stdout.text(), stderr.text(), false);
    });
  }

  @Override
  public void importImage(java.nio.file.Path rootfsTarball, String repository, String tag) {
    // docker-java's CreateImageCmd sends the stream so that the engine sees a truncated tar
    // ("unexpected EOF"); the same call made directly on its transport works.
    String path = "/images/create?fromSrc=-&repo=" + java.net.URLEncoder.encode(repository, StandardCharsets.UTF_8)
        + "&tag=" + java.net.URLEncoder.encode(tag, StandardCharsets.UTF_8);
    call("import " + repository + ":" + tag, () -> {
      try (java.io.InputStream in = java.nio.file.Files.newInputStream(rootfsTarball);
          DockerHttpClient.Response response = http.execute(DockerHttpClient.Request.builder()
              .method(DockerHttpClient.Request.Method.POST)
              .path(path)
              .putHeader("Content-Type", "application/x-tar")
              .body(in)
              .build())) {
        String answer = new String(response.getBody().readNBytes(64 * 1024), StandardCharsets.UTF_8);
        if (response.getStatusCode() != 200 || answer.contains("\"error")) {
          throw new ContainerRuntimeException("Docker import of " + repository + ":" + tag + " failed with HTTP "
              + response.getStatusCode() + ": " + answer.strip(), null);
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("import of " + rootfsTarball + " failed", e);
      }
      if (!imageExists(repository + ":" + tag)) {
        throw new ContainerRuntimeException("Docker did not create " + repository + ":" + tag
            + " (is the file a tar archive of a root filesystem?)", null);
      }
      return null;
    });
  }

  private static ContainerInfo toInfo(InspectContainerResponse c) {
    InspectContainerResponse.ContainerState state = c.getState();
    List<ContainerInfo.PortMapping> ports = new ArrayList<>();
    if (c.getNetworkSettings() != null && c.getNetworkSettings().getPorts() != null) {
      for (Map.Entry<ExposedPort, Ports.Binding[]> e : c.getNetworkSettings().getPorts().getBindings().entrySet()) {
        if (e.getValue() == null) {
          continue;
        }
        for (Ports.Binding b : e.getValue()) {
          if (b.getHostPortSpec() != null && !b.getHostPortSpec().isEmpty()) {
            ports.add(new ContainerInfo.PortMapping(e.getKey().getPort(), b.getHostIp(),
                Integer.parseInt(b.getHostPortSpec())));
          }
        }
      }
    }
    boolean running = Boolean.TRUE.equals(state.getRunning());
    return new ContainerInfo(c.getId(), stripSlash(c.getName()), c.getConfig().getImage(),
        c.getConfig().getLabels() == null ? Map.of() : c.getConfig().getLabels(),
        ContainerStatus.fromEngine(state.getStatus()), time(state.getStartedAt()),
        running ? null : time(state.getFinishedAt()), running ? null : state.getExitCodeLong(), sortPorts(ports));
  }

  private static ContainerInfo toInfo(Container c) {
    List<ContainerInfo.PortMapping> ports = new ArrayList<>();
    if (c.getPorts() != null) {
      for (ContainerPort p : c.getPorts()) {
        if (p.getPublicPort() != null && p.getPrivatePort() != null) {
          ports.add(new ContainerInfo.PortMapping(p.getPrivatePort(), p.getIp(), p.getPublicPort()));
        }
      }
    }
    String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : stripSlash(c.getNames()[0]);
    return new ContainerInfo(c.getId(), name, c.getImage(), c.getLabels() == null ? Map.of() : c.getLabels(),
        ContainerStatus.fromEngine(c.getState()), null, null, null, sortPorts(ports));
  }

  private static List<ContainerInfo.PortMapping> sortPorts(List<ContainerInfo.PortMapping> ports) {
    // The list API reports IPv4 and IPv6 bindings separately; keep one per container port.
    Set<Integer> seen = new HashSet<>();
    return ports.stream()
        .sorted(Comparator.comparingInt(ContainerInfo.PortMapping::containerPort))
        .filter(p -> seen.add(p.containerPort()))
        .toList();
  }

  private static String stripSlash(String name) {
    return name != null && name.startsWith("/") ? name.substring(1) : name;
  }

  private static Instant time(String value) {
    if (value == null || value.isEmpty() || value.startsWith("0001-01-01")) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Collects output up to {@link #MAX_OUTPUT_BYTES}, dropping the rest. */
  private static final class BoundedOutput {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    synchronized void write(byte[] payload) {
      if (payload == null) {
        return;
      }
      int room = MAX_OUTPUT_BYTES - bytes.size();
      if (room > 0) {
        bytes.write(payload, 0, Math.min(room, payload.length));
      }
    }

    synchronized String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    try {
      synchronized (this) {
        if (streamingClient != null) {
          streamingClient.close();
        }
      }
      client.close();
    } catch (IOException e) {
      LOG.warn("Closing the Docker client for {} failed", dockerHost, e);
    }
  }

  /** The engine address this runtime talks to. */
  public String dockerHost() {
    return dockerHost;
  }

  /** Runs one docker-java call and translates its failures: this is the one place that does. */
  private <T> T call(String what, Supplier<T> command) {
    try {
      return command.get();
    } catch (ContainerRuntimeException e) {
      throw e;
    } catch (NotFoundException e) {
      throw new ContainerNotFoundException("Docker " + what + " at " + dockerHost + ": not found", e);
    } catch (DockerException e) {
      throw new ContainerRuntimeException("Docker " + what + " at " + dockerHost + " failed with HTTP "
          + e.getHttpStatus() + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      // The transport wraps I/O failures (missing socket, refused, timeout) in unchecked exceptions.
      if (hasIoCause(e)) {
        throw new ContainerRuntimeUnavailableException("Docker engine at " + dockerHost + " is not reachable ("
            + what + "): " + rootMessage(e), e);
      }
      throw new ContainerRuntimeException("Docker " + what + " at " + dockerHost + " failed: " + rootMessage(e), e);
    }
  }

  private static boolean hasIoCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName()
        : root.getClass().getSimpleName() + ": " + root.getMessage();
  }
}
