package dev.minicloud.dist;

import dev.minicloud.common.cluster.ClusterToken;
import java.net.URI;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Flags of a node started on its own to join a running control plane. */
final class NodeFlags {

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  @Option(names = "--join", defaultValue = "${env:MINICLOUD_JOIN}",
      description = "URL of the control plane to join, e.g. http://127.0.0.1:9000 (env MINICLOUD_JOIN).")
  URI join;

  @Option(names = "--token-file", defaultValue = "${env:MINICLOUD_TOKEN_FILE}",
      description = "File holding the cluster token (the control plane's <data>/cluster-token; "
          + "env MINICLOUD_TOKEN_FILE).")
  Path tokenFile;

  @Option(names = "--ca-cert", defaultValue = "${env:MINICLOUD_CA_CERT}",
      description = "PEM certificate to trust for an https control plane (its <data>/tls/cert.pem; "
          + "env MINICLOUD_CA_CERT).")
  Path caCert;

  @Option(names = "--address", defaultValue = "${env:MINICLOUD_ADDRESS:-127.0.0.1}",
      description = "Address the node's internal API listens on (default ${DEFAULT-VALUE}).")
  String address;

  @Option(names = "--port", defaultValue = "${env:MINICLOUD_PORT:-0}",
      description = "Port of the node's internal API; 0 picks a free one (default ${DEFAULT-VALUE}).")
  int port;

  ClusterToken token() {
    if (join == null || tokenFile == null) {
      throw new ParameterException(spec.commandLine(),
          "--join and --token-file are required (or MINICLOUD_JOIN and MINICLOUD_TOKEN_FILE)");
    }
    return ClusterToken.load(tokenFile);
  }
}
