/**
 * TLS material for the control plane's HTTPS endpoint: operator-supplied PEM files, or a
 * self-signed certificate generated once into {@code <dataDir>/tls/} that clients use as their CA
 * bundle.
 */
package dev.minicloud.controlplane.tls;
