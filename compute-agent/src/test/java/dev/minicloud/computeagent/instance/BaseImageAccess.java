package dev.minicloud.computeagent.instance;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/** Test fixture: opens {@link BaseImage}'s package-private tarball writer to tests in other packages. */
public final class BaseImageAccess {

  private BaseImageAccess() {}

  public static void writeRootfs(Path busybox, OutputStream out) throws IOException {
    BaseImage.writeRootfs(busybox, out);
  }
}
