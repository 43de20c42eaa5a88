package dev.minicloud.computeagent.instance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.computeagent.FakeContainerRuntime;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The base image built from a static busybox: the ELF check, the tarball, the import when missing. */
class BaseImageTest {

  @TempDir
  Path dir;

  /** A 64-bit little-endian ELF header with the given program headers' types. */
  private Path elf(int... programHeaderTypes) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(64 + 56 * programHeaderTypes.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
    b.putLong(32, 64);
    b.putShort(54, (short) 56);
    b.putShort(56, (short) programHeaderTypes.length);
    for (int i = 0; i < programHeaderTypes.length; i++) {
      b.putInt(64 + 56 * i, programHeaderTypes[i]);
    }
    Path file = Files.createTempFile(dir, "elf", "");
    Files.write(file, b.array());
    return file;
  }

  @Test
  void onlyAnElfWithoutInterpreterIsStatic() throws Exception {
    assertTrue(BaseImage.isStatic(elf(1, 1, 4)));
    assertFalse(BaseImage.isStatic(elf(6, 3, 1)), "PT_INTERP: dynamically linked");
    Path text = dir.resolve("script");
    Files.writeString(text, "#!/bin/sh\necho not an elf file at all, but long enough to read a header from it\n");
    assertFalse(BaseImage.isStatic(text));
  }

  @Test
  void theRootfsIsAValidTarWithBusyboxItsAppletsAndPasswd() throws Exception {
    Path busybox = elf(1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BaseImage.writeRootfs(busybox, out);
    byte[] tar = out.toByteArray();

    assertEquals(0, tar.length % 512);
    List<String> names = new ArrayList<>();
    int at = 0;
    while (at + 512 <= tar.length && tar[at] != 0) {
      String name = new String(tar, at, 100, StandardCharsets.US_ASCII).replace("\0", "");
      long size = Long.parseLong(new String(tar, at + 124, 11, StandardCharsets.US_ASCII), 8);
      long checksum = Long.parseLong(new String(tar, at + 148, 6, StandardCharsets.US_ASCII), 8);
      long sum = 0;
      for (int i = 0; i < 512; i++) {
        sum += (i >= 148 && i < 156) ? ' ' : tar[at + i] & 0xff;
      }
      assertEquals(sum, checksum, "checksum of " + name);
      names.add(name + (tar[at + 156] == '2' ? " -> " + new String(tar, at + 157, 100, StandardCharsets.US_ASCII)
          .replace("\0", "") : ""));
      at += 512 + (int) ((size + 511) / 512 * 512);
    }
    assertTrue(names.contains("bin/busybox"), names.toString());
    assertTrue(names.contains("bin/sh -> busybox"), names.toString());
    assertTrue(names.contains("bin/httpd -> busybox"), names.toString());
    assertTrue(names.contains("etc/passwd"), names.toString());
    assertTrue(names.contains("tmp/"), names.toString());
  }

  @Test
  void ensureImportsTheImageOnlyWhenTheEngineLacksIt() throws Exception {
    FakeContainerRuntime runtime = new FakeContainerRuntime();
    Path busybox = elf(1);

    assertTrue(BaseImage.ensure(runtime, busybox, dir.resolve("spool")), "already there");
    runtime.removeImage(BaseImage.IMAGE);
    assertFalse(BaseImage.ensure(runtime, dir.resolve("missing"), dir.resolve("spool")));
    assertFalse(BaseImage.ensure(runtime, elf(3), dir.resolve("spool")), "dynamic busybox refused");
    assertFalse(runtime.imageExists(BaseImage.IMAGE));

    assertTrue(BaseImage.ensure(runtime, busybox, dir.resolve("spool")));
    assertTrue(runtime.imageExists(BaseImage.IMAGE));
    try (var spooled = Files.list(dir.resolve("spool"))) {
      assertEquals(0, spooled.count(), "the tarball is deleted after the import");
    }
  }
}
