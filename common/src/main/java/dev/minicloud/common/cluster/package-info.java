/**
 * How storage nodes and compute agents join a control plane: the shared {@link
 * dev.minicloud.common.cluster.ClusterToken}, each node's persistent {@link
 * dev.minicloud.common.cluster.NodeIdentity}, and {@link dev.minicloud.common.cluster.NodeRegistration},
 * which registers and heartbeats with one idempotent {@code PUT /internal/v1/nodes/{nodeId}}.
 *
 * <p>JDK only ({@code java.net.http}) plus Jackson, so it runs in any process.
 */
package dev.minicloud.common.cluster;
