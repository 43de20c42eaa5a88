package dev.minicloud.controlplane.http;

/**
 * The protocols served on the one public endpoint. A request's surface is decided once, when it
 * arrives ({@link SurfaceClassifier}), and fixes how its errors are written.
 */
public enum ApiSurface {
  /** The S3 REST API: everything not claimed by another surface. XML errors. */
  S3,
  /** AWS query protocol (STS GetCallerIdentity). XML errors in STS's shape. */
  STS,
  /** MiniCloud's versioned JSON APIs: compute, iam, billing, audit, admin. JSON errors. */
  JSON,
  /** Node-to-control-plane API behind the cluster token. JSON errors. */
  INTERNAL,
  /** Health and metrics probes: unauthenticated, JSON errors. */
  PROBE
}
