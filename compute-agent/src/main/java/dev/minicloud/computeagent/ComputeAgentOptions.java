package dev.minicloud.computeagent;

import dev.minicloud.common.cluster.ClusterToken;
import dev.minicloud.common.cluster.NodeRegistration;
import dev.minicloud.computeagent.runtime.DockerContainerRuntime;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of one {@link ComputeAgent}. Every setting has a {@code DEFAULT_*}; only the cluster
 * token has none and must be set.
 */
public final class ComputeAgentOptions {

  /** Address the internal HTTP API listens on. Loopback unless the agent serves other hosts. */
  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

  /** Port of the internal HTTP API; 0 picks a free port (read it back with {@link ComputeAgent#port()}). */
  public static final int DEFAULT_PORT = 0;

  /** Directory holding the node id (and, later, agent state). Created if missing. */
  public static final Path DEFAULT_DATA_DIR = Path.of("minicloud-data", "compute-agent");

  /** How often the agent heartbeats until the control plane names an interval. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = NodeRegistration.DEFAULT_HEARTBEAT_INTERVAL;

  /** The Docker engine the agent drives. */
  public static final String DEFAULT_DOCKER_HOST = DockerContainerRuntime.DEFAULT_DOCKER_HOST;

  /** Host address instance ports are published on. Loopback: instances are reached from this host only. */
  public static final String DEFAULT_PUBLISH_ADDRESS = "127.0.0.1";

  /** The dedicated bridge network instances join (created when missing). */
  public static final String DEFAULT_INSTANCE_NETWORK = "minicloud0";

  /** Time a stopping instance gets between SIGTERM and SIGKILL. */
  public static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(5);

  /** The host's statically linked busybox, from which the base image is built when the engine lacks it. */
  public static final Path DEFAULT_BUSYBOX = Path.of("/bin/busybox");

  private Path busybox = DEFAULT_BUSYBOX;
  private String bindAddress = DEFAULT_BIND_ADDRESS;
  private String publishAddress = DEFAULT_PUBLISH_ADDRESS;
  private String instanceNetwork = DEFAULT_INSTANCE_NETWORK;
  private Duration stopGrace = DEFAULT_STOP_GRACE;
  private int port = DEFAULT_PORT;
  private String advertisedHost;
  private Path dataDir = DEFAULT_DATA_DIR;
  private URI controlPlaneUrl;
  private ClusterToken clusterToken;
  private Path controlPlaneCertificate;
  private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
  private String dockerHost = DEFAULT_DOCKER_HOST;

  public ComputeAgentOptions() {}

  public ComputeAgentOptions(ComputeAgentOptions other) {
    this.bindAddress = other.bindAddress;
    this.port = other.port;
    this.advertisedHost = other.advertisedHost;
    this.dataDir = other.dataDir;
    this.controlPlaneUrl = other.controlPlaneUrl;
    this.clusterToken = other.clusterToken;
    this.controlPlaneCertificate = other.controlPlaneCertificate;
    this.heartbeatInterval = other.heartbeatInterval;
    this.dockerHost = other.dockerHost;
    this.publishAddress = other.publishAddress;
    this.instanceNetwork = other.instanceNetwork;
    this.stopGrace = other.stopGrace;
    this.busybox = other.busybox;
  }

  public Path getBusybox() {
    return busybox;
  }

  /**
   * The statically linked busybox the agent builds the base image {@code minicloud/busybox:latest}
   * from when the engine lacks it; default {@code /bin/busybox} (Debian's busybox-static).
   */
  public ComputeAgentOptions setBusybox(Path busybox) {
    this.busybox = Objects.requireNonNull(busybox, "busybox");
    return this;
  }

  public String getPublishAddress() {
    return publishAddress;
  }

  /** Host address instance ports are published on; default {@value #DEFAULT_PUBLISH_ADDRESS}. */
  public ComputeAgentOptions setPublishAddress(String publishAddress) {
    this.publishAddress = Objects.requireNonNull(publishAddress, "publishAddress");
    return this;
  }

  public String getInstanceNetwork() {
    return instanceNetwork;
  }

  /** Bridge network instances join; default {@value #DEFAULT_INSTANCE_NETWORK}. */
  public ComputeAgentOptions setInstanceNetwork(String instanceNetwork) {
    this.instanceNetwork = Objects.requireNonNull(instanceNetwork, "instanceNetwork");
    return this;
  }

  public Duration getStopGrace() {
    return stopGrace;
  }

  /** Time between SIGTERM and SIGKILL when an instance stops; default 5 s. */
  public ComputeAgentOptions setStopGrace(Duration stopGrace) {
    if (stopGrace.isNegative()) {
      throw new IllegalArgumentException("stopGrace must not be negative: " + stopGrace);
    }
    this.stopGrace = stopGrace;
    return this;
  }

  public String getBindAddress() {
    return bindAddress;
  }

  /** Address to listen on; default {@value #DEFAULT_BIND_ADDRESS}. */
  public ComputeAgentOptions setBindAddress(String bindAddress) {
    this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
    return this;
  }

  public int getPort() {
    return port;
  }

  /** Port to listen on; default {@value #DEFAULT_PORT} (any free port). */
  public ComputeAgentOptions setPort(int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    this.port = port;
    return this;
  }

  public String getAdvertisedHost() {
    return advertisedHost;
  }

  /**
   * Host the control plane should use to reach this agent, in the registered endpoint. Default
   * null: the bind address (set this when binding to a wildcard address).
   */
  public ComputeAgentOptions setAdvertisedHost(String advertisedHost) {
    this.advertisedHost = advertisedHost;
    return this;
  }

  public Path getDataDir() {
    return dataDir;
  }

  /** Data directory; default {@code minicloud-data/compute-agent} under the working directory. */
  public ComputeAgentOptions setDataDir(Path dataDir) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    return this;
  }

  public URI getControlPlaneUrl() {
    return controlPlaneUrl;
  }

  /**
   * Base URL of the control plane to register and heartbeat with, e.g. {@code http://127.0.0.1:9000}.
   * Default null: the agent runs alone and does not register.
   */
  public ComputeAgentOptions setControlPlaneUrl(URI controlPlaneUrl) {
    this.controlPlaneUrl = controlPlaneUrl;
    return this;
  }

  public Path getControlPlaneCertificate() {
    return controlPlaneCertificate;
  }

  /**
   * PEM certificate to trust when the control plane serves https with a certificate the JVM does
   * not trust (its generated self-signed one). Default null: the JVM's trust store.
   */
  public ComputeAgentOptions setControlPlaneCertificate(Path controlPlaneCertificate) {
    this.controlPlaneCertificate = controlPlaneCertificate;
    return this;
  }

  public ClusterToken getClusterToken() {
    return clusterToken;
  }

  /**
   * The cluster token: required on every {@code /internal/v1/} call to this agent and sent to the
   * control plane. Required; no default.
   */
  public ComputeAgentOptions setClusterToken(ClusterToken clusterToken) {
    this.clusterToken = clusterToken;
    return this;
  }

  public Duration getHeartbeatInterval() {
    return heartbeatInterval;
  }

  /** Heartbeat interval until the control plane names one; default 1 s. */
  public ComputeAgentOptions setHeartbeatInterval(Duration heartbeatInterval) {
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    if (heartbeatInterval.isZero() || heartbeatInterval.isNegative()) {
      throw new IllegalArgumentException("heartbeatInterval must be positive: " + heartbeatInterval);
    }
    this.heartbeatInterval = heartbeatInterval;
    return this;
  }

  public String getDockerHost() {
    return dockerHost;
  }

  /**
   * Docker engine address, e.g. {@code unix:///var/run/docker.sock} (default) or
   * {@code tcp://127.0.0.1:2375}. Used when the agent creates its own {@link DockerContainerRuntime}.
   */
  public ComputeAgentOptions setDockerHost(String dockerHost) {
    this.dockerHost = Objects.requireNonNull(dockerHost, "dockerHost");
    return this;
  }

  /** Checks the settings that have no usable default. */
  void validate() {
    if (clusterToken == null) {
      throw new IllegalArgumentException("clusterToken is required: the internal API is always guarded");
    }
    if (controlPlaneUrl != null && !"http".equals(controlPlaneUrl.getScheme())
        && !"https".equals(controlPlaneUrl.getScheme())) {
      throw new IllegalArgumentException("controlPlaneUrl must be an http(s) URL: " + controlPlaneUrl);
    }
  }

  @Override
  public String toString() {
    return "ComputeAgentOptions{bindAddress=" + bindAddress + ", port=" + port + ", advertisedHost=" + advertisedHost
        + ", dataDir=" + dataDir + ", controlPlaneUrl=" + controlPlaneUrl + ", clusterToken=" + clusterToken
        + ", heartbeatInterval=" + heartbeatInterval + ", dockerHost=" + dockerHost + ", publishAddress="
        + publishAddress + ", instanceNetwork=" + instanceNetwork + ", stopGrace=" + stopGrace + "}";
  }
}
