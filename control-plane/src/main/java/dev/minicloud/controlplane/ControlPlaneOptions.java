package dev.minicloud.controlplane;

import dev.minicloud.controlplane.metering.MeteringOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Settings of one control plane. The launcher fills them from flags and {@code MINICLOUD_*}
 * environment variables (one mechanism, in {@code dist}); each field documents its key.
 *
 * @param bindAddress address to listen on ({@code --address}, {@code MINICLOUD_ADDRESS});
 *     loopback by default so nothing is exposed by accident
 * @param port TCP port ({@code --port}, {@code MINICLOUD_PORT}); 0 picks a free one
 * @param dataDir where metadata, keys and credentials live ({@code --data}, {@code MINICLOUD_DATA})
 * @param tls serve HTTPS instead of HTTP ({@code --tls})
 * @param tlsCert PEM certificate chain ({@code --tls-cert}); with tlsKey, else a self-signed
 *     certificate is generated into {@code <data>/tls}
 * @param tlsKey PEM private key ({@code --tls-key})
 * @param clusterToken the token nodes present; empty = read or create {@code <data>/cluster-token}
 * @param heartbeatInterval how often nodes are asked to heartbeat
 * @param nodeDownAfter silence after which a node is marked down
 * @param shutdownGrace how long in-flight requests may take to finish on shutdown
 * @param region the region this endpoint answers for ({@code --region}); any region a client signs
 *     with is accepted, this is what new buckets report
 * @param virtualHostDomain the domain under which {@code bucket.<domain>} addresses a bucket
 *     (virtual-hosted-style requests; {@code --domain}); path-style always works
 * @param replicas how many storage nodes keep a copy of each object's bytes ({@code --replicas})
 * @param metering metering, billing and audit settings ({@code --pricing},
 *     {@code --audit-read-sample-rate}, {@code --metering-log}; see {@link MeteringOptions})
 */
public record ControlPlaneOptions(
    String bindAddress, int port, Path dataDir, boolean tls, Optional<Path> tlsCert, Optional<Path> tlsKey,
    Optional<String> clusterToken, Duration heartbeatInterval, Duration nodeDownAfter, Duration shutdownGrace,
    String region, String virtualHostDomain, int replicas, MeteringOptions metering) {

  public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";
  public static final int DEFAULT_PORT = 9000;
  public static final Path DEFAULT_DATA_DIR = Path.of("data");
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
  public static final Duration DEFAULT_NODE_DOWN_AFTER = Duration.ofSeconds(5);
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
  public static final String DEFAULT_REGION = "us-east-1";
  public static final String DEFAULT_VIRTUAL_HOST_DOMAIN = "localhost";
  public static final int DEFAULT_REPLICAS = 1;

  public ControlPlaneOptions {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(metering, "metering");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0..65535, got " + port);
    }
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be at least 1");
    }
    if (tlsCert.isPresent() != tlsKey.isPresent()) {
      throw new IllegalArgumentException("--tls-cert and --tls-key go together");
    }
  }

  /** Defaults everywhere, with this data directory. */
  public static ControlPlaneOptions defaults(Path dataDir) {
    return new ControlPlaneOptions(DEFAULT_BIND_ADDRESS, DEFAULT_PORT, dataDir, false, Optional.empty(),
        Optional.empty(), Optional.empty(), DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_NODE_DOWN_AFTER,
        DEFAULT_SHUTDOWN_GRACE, DEFAULT_REGION, DEFAULT_VIRTUAL_HOST_DOMAIN, DEFAULT_REPLICAS,
        MeteringOptions.defaults());
  }

  public ControlPlaneOptions withPort(int newPort) {
    return new ControlPlaneOptions(bindAddress, newPort, dataDir, tls, tlsCert, tlsKey, clusterToken,
        heartbeatInterval, nodeDownAfter, shutdownGrace, region, virtualHostDomain, replicas, metering);
  }

  public ControlPlaneOptions withTls(boolean newTls) {
    return new ControlPlaneOptions(bindAddress, port, dataDir, newTls, tlsCert, tlsKey, clusterToken,
        heartbeatInterval, nodeDownAfter, shutdownGrace, region, virtualHostDomain, replicas, metering);
  }

  public ControlPlaneOptions withNodeTimings(Duration newHeartbeatInterval, Duration newNodeDownAfter) {
    return new ControlPlaneOptions(bindAddress, port, dataDir, tls, tlsCert, tlsKey, clusterToken,
        newHeartbeatInterval, newNodeDownAfter, shutdownGrace, region, virtualHostDomain, replicas, metering);
  }
}
