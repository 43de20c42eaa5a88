package dev.minicloud.computeagent.instance;

import dev.minicloud.computeagent.runtime.ContainerRuntime;
import dev.minicloud.computeagent.runtime.ContainerRuntimeException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The platform's base image, {@value #IMAGE}: when the engine lacks it, the agent builds it from
 * the host's statically linked busybox, with no registry: a root filesystem tarball (busybox, its
 * applets as symlinks, {@code /etc/passwd}, {@code /tmp}) imported into the engine. The same image
 * {@code scripts/ensure-docker} builds.
 */
public final class BaseImage {

  public static final String REPOSITORY = "minicloud/busybox";
  public static final String TAG = "latest";
  public static final String IMAGE = REPOSITORY + ":" + TAG;
  /** Where Debian's busybox-static puts the binary. */
  public static final Path DEFAULT_BUSYBOX = Path.of("/bin/busybox");

  static final List<String> APPLETS = List.of("sh", "ls", "cat", "echo", "sleep", "httpd", "wget", "ps", "mkdir",
      "printf", "hostname", "true", "false", "env", "id", "kill", "rm", "cp", "mv", "chmod", "chown", "ln", "grep",
      "sed", "awk", "head", "tail", "wc", "date", "uname", "base64", "nc", "vi", "top", "df", "du", "free", "touch",
      "find", "xargs", "tar", "gzip", "sort", "uniq", "tee", "test", "[");

  private static final Logger LOG = LoggerFactory.getLogger(BaseImage.class);

  private BaseImage() {}

  /**
   * Imports the base image unless the engine has it. Returns true when it is there afterwards.
   * Never throws: a missing or dynamically linked busybox, or an engine failure, is logged.
   */
  public static boolean ensure(ContainerRuntime runtime, Path busybox, Path spool) {
    try {
      if (runtime.imageExists(IMAGE)) {
        return true;
      }
      if (!Files.isRegularFile(busybox) || !isStatic(busybox)) {
        LOG.warn("Image {} is missing and {} is not a statically linked busybox: instances of the busybox "
            + "image cannot start here until scripts/ensure-docker builds it", IMAGE, busybox);
        return false;
      }
      Files.createDirectories(spool);
      Path tar = Files.createTempFile(spool, "busybox-rootfs-", ".tar");
      try {
        try (OutputStream out = Files.newOutputStream(tar)) {
          writeRootfs(busybox, out);
        }
        runtime.importImage(tar, REPOSITORY, TAG);
      } finally {
        Files.deleteIfExists(tar);
      }
      LOG.info("Built image {} from {}", IMAGE, busybox);
      return true;
    } catch (IOException | UncheckedIOException | ContainerRuntimeException e) {
      LOG.warn("Could not build image {} from {}: {}", IMAGE, busybox, e.getMessage());
      return false;
    }
  }

  /** Writes the root filesystem as a tar archive. */
  static void writeRootfs(Path busybox, OutputStream out) throws IOException {
    Tar tar = new Tar(out);
    for (String dir : List.of("bin/", "etc/", "tmp/", "root/", "var/", "www/")) {
      tar.directory(dir, dir.equals("tmp/") ? 01777 : 0755);
    }
    tar.file("bin/busybox", 0755, Files.readAllBytes(busybox));
    for (String applet : APPLETS) {
      tar.symlink("bin/" + applet, "busybox");
    }
    tar.file("etc/passwd", 0644, "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n"
        .getBytes(StandardCharsets.US_ASCII));
    tar.file("etc/group", 0644, "root:x:0:\nnogroup:x:65534:\n".getBytes(StandardCharsets.US_ASCII));
    tar.finish();
  }

  /** An ELF executable without a program interpreter (PT_INTERP) is statically linked. */
  static boolean isStatic(Path elf) throws IOException {
    byte[] head = new byte[64];
    try (var in = Files.newInputStream(elf)) {
      if (in.readNBytes(head, 0, 64) < 64 || head[0] != 0x7f || head[1] != 'E' || head[2] != 'L' || head[3] != 'F'
          || head[4] != 2) {
        return false; // not a 64-bit ELF file
      }
    }
    ByteBuffer h = ByteBuffer.wrap(head).order(head[5] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    long phoff = h.getLong(32);
    int phentsize = Short.toUnsignedInt(h.getShort(54));
    int phnum = Short.toUnsignedInt(h.getShort(56));
    byte[] all = Files.readAllBytes(elf);
    ByteBuffer b = ByteBuffer.wrap(all).order(h.order());
    for (int i = 0; i < phnum; i++) {
      long at = phoff + (long) i * phentsize;
      if (at + 4 > all.length) {
        return false;
      }
      if (b.getInt((int) at) == 3) { // PT_INTERP
        return false;
      }
    }
    return true;
  }

  /** A minimal POSIX ustar writer: directories, regular files and symbolic links. */
  static final class Tar {
    private final OutputStream out;

    Tar(OutputStream out) {
      this.out = out;
    }

    void directory(String name, int mode) throws IOException {
      header(name, mode, 0, '5', "");
    }

    void file(String name, int mode, byte[] content) throws IOException {
      header(name, mode, content.length, '0', "");
      out.write(content);
      out.write(new byte[(512 - content.length % 512) % 512]);
    }

    void symlink(String name, String target) throws IOException {
      header(name, 0777, 0, '2', target);
    }

    void finish() throws IOException {
      out.write(new byte[1024]);
    }

    private void header(String name, int mode, long size, char type, String link) throws IOException {
      byte[] h = new byte[512];
      put(h, 0, 100, name);
      octal(h, 100, 8, mode);
      octal(h, 108, 8, 0);
      octal(h, 116, 8, 0);
      octal(h, 124, 12, size);
      octal(h, 136, 12, 0);
      h[156] = (byte) type;
      put(h, 157, 100, link);
      put(h, 257, 6, "ustar");
      h[263] = '0';
      h[264] = '0';
      put(h, 265, 32, "root");
      put(h, 297, 32, "root");
      for (int i = 148; i < 156; i++) {
        h[i] = ' ';
      }
      long sum = 0;
      for (byte x : h) {
        sum += x & 0xff;
      }
      String checksum = String.format("%06o", sum);
      put(h, 148, 6, checksum);
      h[154] = 0;
      h[155] = ' ';
      out.write(h);
    }

    private static void put(byte[] h, int at, int len, String value) {
      byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
      if (bytes.length > len) {
        throw new IllegalArgumentException("tar field too long: " + value);
      }
      System.arraycopy(bytes, 0, h, at, bytes.length);
    }

    private static void octal(byte[] h, int at, int len, long value) {
      put(h, at, len - 1, String.format("%0" + (len - 1) + "o", value));
    }
  }
}
