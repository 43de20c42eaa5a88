package dev.minicloud.dist;

import dev.minicloud.controlplane.ControlPlaneOptions;
import dev.minicloud.controlplane.metering.MeteringOptions;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Flags of a control plane. Every flag also reads a {@code MINICLOUD_*} environment variable;
 * a flag given on the command line wins. This is MiniCloud's one configuration mechanism.
 */
final class ControlPlaneFlags {

  @Option(names = "--address", defaultValue = "${env:MINICLOUD_ADDRESS:-127.0.0.1}",
      description = "Address to listen on (env MINICLOUD_ADDRESS, default ${DEFAULT-VALUE}).")
  String address;

  @Option(names = "--port", defaultValue = "${env:MINICLOUD_PORT:-9000}",
      description = "Port to listen on; 0 picks a free port (env MINICLOUD_PORT, default ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--data", defaultValue = "${env:MINICLOUD_DATA:-data}",
      description = "Data directory (env MINICLOUD_DATA, default ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--tls", defaultValue = "${env:MINICLOUD_TLS:-false}",
      description = "Serve HTTPS (env MINICLOUD_TLS). Without --tls-cert/--tls-key a self-signed certificate "
          + "is generated into <data>/tls on first start.")
  boolean tls;

  @Option(names = "--tls-cert", description = "PEM certificate chain for --tls (env MINICLOUD_TLS_CERT).",
      defaultValue = "${env:MINICLOUD_TLS_CERT}")
  Path tlsCert;

  @Option(names = "--tls-key", description = "PEM private key for --tls (env MINICLOUD_TLS_KEY).",
      defaultValue = "${env:MINICLOUD_TLS_KEY}")
  Path tlsKey;

  @Option(names = "--region", defaultValue = "${env:MINICLOUD_REGION:-us-east-1}",
      description = "Region reported for new buckets (env MINICLOUD_REGION, default ${DEFAULT-VALUE}).")
  String region;

  @Option(names = "--domain", defaultValue = "${env:MINICLOUD_DOMAIN:-localhost}",
      description = "Domain for virtual-hosted-style bucket addressing, bucket.<domain> "
          + "(env MINICLOUD_DOMAIN, default ${DEFAULT-VALUE}).")
  String domain;

  @Option(names = "--replicas", defaultValue = "${env:MINICLOUD_REPLICAS:-1}",
      description = "Storage nodes that keep a copy of each object (env MINICLOUD_REPLICAS, default ${DEFAULT-VALUE}).")
  int replicas;

  @Option(names = "--pricing", defaultValue = "${env:MINICLOUD_PRICING}",
      description = "Price list for invoices (env MINICLOUD_PRICING; default <data>/pricing.yaml if present, "
          + "else the built-in docs/pricing.yaml).")
  Path pricing;

  @Option(names = "--audit-read-sample-rate", defaultValue = "${env:MINICLOUD_AUDIT_READ_SAMPLE_RATE:-1.0}",
      description = "Share of successful S3 GET/HEAD calls that get an audit record, 0.0 to 1.0; writes and "
          + "denials always do (env MINICLOUD_AUDIT_READ_SAMPLE_RATE, default ${DEFAULT-VALUE}).")
  double auditReadSampleRate;

  @Option(names = "--metering-log", defaultValue = "${env:MINICLOUD_METERING_LOG:-before-response}",
      description = "before-response: a request's usage and audit record are in the write-ahead log before "
          + "its response; async: just after (faster, a crash can lose the last ones) "
          + "(env MINICLOUD_METERING_LOG, default ${DEFAULT-VALUE}).")
  String meteringLog;

  ControlPlaneOptions toOptions() {
    ControlPlaneOptions defaults = ControlPlaneOptions.defaults(data);
    return new ControlPlaneOptions(address, port, data, tls || tlsCert != null, Optional.ofNullable(tlsCert),
        Optional.ofNullable(tlsKey), Optional.empty(), defaults.heartbeatInterval(), defaults.nodeDownAfter(),
        defaults.shutdownGrace(), region, domain, replicas,
        MeteringOptions.of(pricing, auditReadSampleRate, meteringLog));
  }
}
