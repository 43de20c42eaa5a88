package dev.minicloud.computeagent;

import dev.minicloud.computeagent.runtime.ContainerRuntime;
import dev.minicloud.computeagent.runtime.ContainerRuntimeUnavailableException;
import dev.minicloud.computeagent.runtime.RuntimeInfo;
import java.net.ConnectException;

/** Test fixture: a container runtime whose availability the test switches. */
final class FakeContainerRuntime implements ContainerRuntime {

  static final RuntimeInfo INFO = new RuntimeInfo(4, 8L << 30, "fake-24.0");

  private volatile boolean available = true;
  private volatile boolean closed;

  void setAvailable(boolean available) {
    this.available = available;
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void ping() {
    check();
  }

  @Override
  public RuntimeInfo info() {
    check();
    return INFO;
  }

  @Override
  public void close() {
    closed = true;
  }

  private void check() {
    if (!available) {
      throw new ContainerRuntimeUnavailableException("fake engine switched off", new ConnectException("refused"));
    }
  }
}
