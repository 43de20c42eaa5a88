/**
 * The container engine behind a narrow interface: {@link dev.minicloud.computeagent.runtime.ContainerRuntime},
 * implemented on Docker by {@link dev.minicloud.computeagent.runtime.DockerContainerRuntime}. docker-java
 * is imported nowhere else.
 */
package dev.minicloud.computeagent.runtime;
