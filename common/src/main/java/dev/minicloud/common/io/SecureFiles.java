package dev.minicloud.common.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files that hold secrets (keys, tokens, credentials): created with mode 0600 from the
 * first byte (never world-readable, not even between create and chmod), fsynced, and swapped in
 * with an atomic rename so a crash leaves the old file or the new one, never half of one.
 */
public final class SecureFiles {

  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

  private SecureFiles() {}

  /** Writes {@code content} to {@code target} with mode 0600, replacing any existing file atomically. */
  public static void writeOwnerOnly(Path target, byte[] content) {
    try {
      Path dir = target.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", ownerOnlyAttribute());
      try {
        Files.write(tmp, content);
        try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
          channel.force(true);
        }
        try {
          Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        fsyncDirectory(dir);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  /**
   * Creates {@code target} with mode 0600 and {@code content} only if it does not exist yet.
   *
   * @return true when this call created it, false when it already existed (left untouched)
   */
  public static boolean createOwnerOnly(Path target, byte[] content) {
    try {
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.createFile(target, ownerOnlyAttribute());
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + target, e);
    }
    writeOwnerOnly(target, content);
    return true;
  }

  /** Makes a rename durable: on Linux the directory entry is only safe once the directory is synced. */
  public static void fsyncDirectory(Path dir) throws IOException {
    try (var channel = java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static FileAttribute<Set<PosixFilePermission>> ownerOnlyAttribute() {
    return PosixFilePermissions.asFileAttribute(OWNER_ONLY);
  }
}
