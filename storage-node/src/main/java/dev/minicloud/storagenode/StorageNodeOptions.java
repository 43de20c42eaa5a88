package dev.minicloud.storagenode;

import dev.minicloud.common.cluster.ClusterToken;
import dev.minicloud.common.cluster.NodeRegistration;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of one {@link StorageNode}. Every setting has a {@code DEFAULT_*}; only the cluster
 * token has none and must be set.
 */
public final class StorageNodeOptions {

  /** Address the internal HTTP API listens on. Loopback unless the node serves other hosts. */
  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

  /** Port of the internal HTTP API; 0 picks a free port (read it back with {@link StorageNode#port()}). */
  public static final int DEFAULT_PORT = 0;

  /**
   * Directory holding the node id and the object bytes ({@code small-blobs/}: RocksDB, {@code blobs/}:
   * files). Created if missing.
   */
  public static final Path DEFAULT_DATA_DIR = Path.of("minicloud-data", "storage-node");

  /** How often the node heartbeats until the control plane names an interval. */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = NodeRegistration.DEFAULT_HEARTBEAT_INTERVAL;

  /**
   * A connection with no bytes in either direction for this long is closed: an upload whose client
   * stalls without closing is then abandoned like a dropped one (its temp file deleted). Longer than
   * the control plane's client idle timeout (60 s), so idle pooled connections close from that side.
   */
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(2);

  /**
   * Whether the internal API also listens on a Unix socket, {@code <dataDir>/node.sock}, which a
   * control plane on the same host uses instead of TCP (same API and token, less kernel work).
   */
  public static final boolean DEFAULT_UNIX_SOCKET = true;

  private String bindAddress = DEFAULT_BIND_ADDRESS;
  private int port = DEFAULT_PORT;
  private String advertisedHost;
  private Path dataDir = DEFAULT_DATA_DIR;
  private URI controlPlaneUrl;
  private ClusterToken clusterToken;
  private Path controlPlaneCertificate;
  private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
  private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
  private boolean unixSocket = DEFAULT_UNIX_SOCKET;

  public StorageNodeOptions() {}

  public StorageNodeOptions(StorageNodeOptions other) {
    this.bindAddress = other.bindAddress;
    this.port = other.port;
    this.advertisedHost = other.advertisedHost;
    this.dataDir = other.dataDir;
    this.controlPlaneUrl = other.controlPlaneUrl;
    this.clusterToken = other.clusterToken;
    this.controlPlaneCertificate = other.controlPlaneCertificate;
    this.heartbeatInterval = other.heartbeatInterval;
    this.idleTimeout = other.idleTimeout;
    this.unixSocket = other.unixSocket;
  }

  public String getBindAddress() {
    return bindAddress;
  }

  /** Address to listen on; default {@value #DEFAULT_BIND_ADDRESS}. */
  public StorageNodeOptions setBindAddress(String bindAddress) {
    this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
    return this;
  }

  public int getPort() {
    return port;
  }

  /** Port to listen on; default {@value #DEFAULT_PORT} (any free port). */
  public StorageNodeOptions setPort(int port) {
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
   * Host the control plane should use to reach this node, in the registered endpoint. Default
   * null: the bind address (set this when binding to a wildcard address).
   */
  public StorageNodeOptions setAdvertisedHost(String advertisedHost) {
    this.advertisedHost = advertisedHost;
    return this;
  }

  public Path getDataDir() {
    return dataDir;
  }

  /** Data directory; default {@code minicloud-data/storage-node} under the working directory. */
  public StorageNodeOptions setDataDir(Path dataDir) {
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
    return this;
  }

  public URI getControlPlaneUrl() {
    return controlPlaneUrl;
  }

  /**
   * Base URL of the control plane to register and heartbeat with, e.g. {@code http://127.0.0.1:9000}.
   * Default null: the node runs alone and does not register.
   */
  public StorageNodeOptions setControlPlaneUrl(URI controlPlaneUrl) {
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
  public StorageNodeOptions setControlPlaneCertificate(Path controlPlaneCertificate) {
    this.controlPlaneCertificate = controlPlaneCertificate;
    return this;
  }

  public ClusterToken getClusterToken() {
    return clusterToken;
  }

  /**
   * The cluster token: required on every {@code /internal/v1/} call to this node and sent to the
   * control plane. Required; no default.
   */
  public StorageNodeOptions setClusterToken(ClusterToken clusterToken) {
    this.clusterToken = clusterToken;
    return this;
  }

  public Duration getHeartbeatInterval() {
    return heartbeatInterval;
  }

  /** Heartbeat interval until the control plane names one; default 1 s. */
  public StorageNodeOptions setHeartbeatInterval(Duration heartbeatInterval) {
    Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
    if (heartbeatInterval.isZero() || heartbeatInterval.isNegative()) {
      throw new IllegalArgumentException("heartbeatInterval must be positive: " + heartbeatInterval);
    }
    this.heartbeatInterval = heartbeatInterval;
    return this;
  }

  public Duration getIdleTimeout() {
    return idleTimeout;
  }

  /** How long a silent connection stays open; default 2 min (see {@link #DEFAULT_IDLE_TIMEOUT}). */
  public StorageNodeOptions setIdleTimeout(Duration idleTimeout) {
    Objects.requireNonNull(idleTimeout, "idleTimeout");
    if (idleTimeout.isZero() || idleTimeout.isNegative()) {
      throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
    }
    this.idleTimeout = idleTimeout;
    return this;
  }

  public boolean isUnixSocket() {
    return unixSocket;
  }

  /** Also serve on {@code <dataDir>/node.sock}; default {@value #DEFAULT_UNIX_SOCKET} (see {@link #DEFAULT_UNIX_SOCKET}). */
  public StorageNodeOptions setUnixSocket(boolean unixSocket) {
    this.unixSocket = unixSocket;
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
    return "StorageNodeOptions{bindAddress=" + bindAddress + ", port=" + port + ", advertisedHost=" + advertisedHost
        + ", dataDir=" + dataDir + ", controlPlaneUrl=" + controlPlaneUrl + ", clusterToken=" + clusterToken
        + ", heartbeatInterval=" + heartbeatInterval + ", idleTimeout=" + idleTimeout + ", unixSocket=" + unixSocket + "}";
  }
}
