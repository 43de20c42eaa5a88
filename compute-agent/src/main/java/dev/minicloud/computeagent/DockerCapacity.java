package dev.minicloud.computeagent;

import dev.minicloud.computeagent.runtime.ContainerRuntime;
import dev.minicloud.computeagent.runtime.ContainerRuntimeException;
import dev.minicloud.computeagent.runtime.RuntimeInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capacity a compute agent reports: {@code {"cpus","memoryBytes","dockerAvailable","dockerVersion"}}
 * from the container engine when it answers, and {@code {"cpus":0,"memoryBytes":0,"dockerAvailable":false}}
 * (nothing schedulable) when it does not. Logs one WARN when the engine becomes unavailable and one
 * INFO when it is back. Blocking (one engine call).
 */
public final class DockerCapacity implements Supplier<Map<String, Object>> {

  private static final Logger LOG = LoggerFactory.getLogger(DockerCapacity.class);

  private final ContainerRuntime runtime;
  private Boolean lastAvailable; // guarded by this

  public DockerCapacity(ContainerRuntime runtime) {
    this.runtime = Objects.requireNonNull(runtime, "runtime");
  }

  @Override
  public Map<String, Object> get() {
    Map<String, Object> capacity = new LinkedHashMap<>();
    try {
      RuntimeInfo info = runtime.info();
      capacity.put("cpus", info.cpus());
      capacity.put("memoryBytes", info.memoryBytes());
      capacity.put("dockerAvailable", true);
      capacity.put("dockerVersion", info.serverVersion());
      availability(true, null);
    } catch (ContainerRuntimeException e) {
      capacity.put("cpus", 0);
      capacity.put("memoryBytes", 0L);
      capacity.put("dockerAvailable", false);
      availability(false, e);
    }
    return capacity;
  }

  private synchronized void availability(boolean available, ContainerRuntimeException failure) {
    if (lastAvailable != null && lastAvailable == available) {
      return;
    }
    if (available && lastAvailable != null) {
      LOG.info("Docker engine is available again");
    } else if (!available) {
      LOG.warn("Docker engine is not available; reporting no compute capacity until it is: {}",
          failure.getMessage());
    }
    lastAvailable = available;
  }
}
