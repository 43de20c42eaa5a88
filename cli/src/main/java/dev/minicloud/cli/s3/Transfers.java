package dev.minicloud.cli.s3;

import dev.minicloud.cli.CliContext;
import dev.minicloud.common.sigv4.Hashes;
import dev.minicloud.sdk.ProfileFile;
import dev.minicloud.sdk.StorageClient;
import dev.minicloud.sdk.storage.GetOptions;
import dev.minicloud.sdk.storage.ObjectMetadata;
import dev.minicloud.sdk.storage.PutOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

/**
 * Moves bytes for cp, mv and sync: uploads (resumable through a state file under the config
 * directory), downloads, server-side copies, with one progress bar for the whole command when
 * stderr is a terminal.
 */
final class Transfers {

  private final StorageClient s3;
  private final CliContext ctx;
  private final ProgressBar bar;

  Transfers(StorageClient s3, CliContext ctx, boolean progress, long totalBytes) {
    this.s3 = s3;
    this.ctx = ctx;
    this.bar = progress && System.console() != null ? new ProgressBar(ctx.err(), totalBytes) : null;
  }

  void upload(Path file, S3Uri dst, String label) {
    PutOptions options = new PutOptions().stateFile(stateFile(file, dst)).listener(bar);
    s3.putObject(dst.bucket(), dst.key(), file, options);
    say(label + ": " + file + " to " + dst);
  }

  void uploadStdin(S3Uri dst) {
    s3.putObject(dst.bucket(), dst.key(), System.in, -1, new PutOptions().listener(bar));
  }

  ObjectMetadata download(S3Uri src, Path file, String label) {
    ObjectMetadata m = s3.getObject(src.bucket(), src.key(), file, new GetOptions().listener(bar));
    if (m.lastModified() != null) {
      try {
        Files.setLastModifiedTime(file, FileTime.from(m.lastModified()));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot set the time of " + file, e);
      }
    }
    say(label + ": " + src + " to " + file);
    return m;
  }

  void downloadStdout(S3Uri src) {
    try (InputStream in = s3.getObject(src.bucket(), src.key())) {
      OutputStream out = System.out;
      in.transferTo(out);
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("download of " + src + " failed", e);
    }
  }

  void copy(S3Uri src, S3Uri dst, String label) {
    s3.copyObject(src.bucket(), src.key(), dst.bucket(), dst.key());
    say(label + ": " + src + " to " + dst);
  }

  void say(String line) {
    if (bar != null) {
      ctx.err().print("\r\033[K");
      ctx.err().flush();
    }
    ctx.out().println(line);
    ctx.out().flush();
  }

  void finish() {
    if (bar != null) {
      bar.finish();
    }
  }

  static Instant mtime(Path file) {
    try {
      return Files.getLastModifiedTime(file).toInstant();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Where the upload id of a multipart upload of {@code file} to {@code dst} is remembered. */
  private static Path stateFile(Path file, S3Uri dst) {
    String id = Hashes.sha256Hex(dst.bucket() + "\n" + dst.key() + "\n" + file.toAbsolutePath());
    Path dir = ProfileFile.defaultLocation().toAbsolutePath().getParent().resolve("uploads");
    return dir.resolve(id.substring(0, 32) + ".state");
  }
}
