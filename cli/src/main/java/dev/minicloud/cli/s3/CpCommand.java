package dev.minicloud.cli.s3;

import dev.minicloud.cli.UsageException;
import dev.minicloud.sdk.StorageClient;
import dev.minicloud.sdk.storage.ObjectSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code minicloud s3 cp|mv SRC DST}: local to S3, S3 to local, S3 to S3; one object or file, or
 * with {@code --recursive} a whole directory or prefix filtered by {@code --include/--exclude}.
 * {@code -} as the source reads stdin, as the destination writes stdout. {@code mv} deletes each
 * source once it is copied.
 */
@Command(name = "cp", mixinStandardHelpOptions = true,
    description = {"Copy files and objects: local -> s3://, s3:// -> local, s3:// -> s3://.",
        "'-' reads stdin (as source) or writes stdout (as destination)."})
final class CpCommand extends S3Subcommand {

  private final boolean move;

  @Parameters(index = "0", paramLabel = "SRC", description = "A local path, s3://bucket/key or -.")
  String source;

  @Parameters(index = "1", paramLabel = "DST", description = "A local path, s3://bucket/key or -.")
  String destination;

  @Option(names = {"-r", "--recursive"}, description = "Copy a whole directory or prefix.")
  boolean recursive;

  @Option(names = "--include", paramLabel = "GLOB", description = "Only paths matching (relative to the source).")
  List<String> includes;

  @Option(names = "--exclude", paramLabel = "GLOB", description = "Skip paths matching (relative to the source).")
  List<String> excludes;

  @Option(names = "--no-progress", description = "Never show the progress bar.")
  boolean noProgress;

  CpCommand(boolean move) {
    this.move = move;
  }

  @Override
  void run(StorageClient s3) {
    String label = move ? "move" : (S3Uri.isS3(source) ? (S3Uri.isS3(destination) ? "copy" : "download") : "upload");
    boolean srcS3 = S3Uri.isS3(source);
    boolean dstS3 = S3Uri.isS3(destination);
    if (!srcS3 && !dstS3) {
      throw new UsageException("one of SRC and DST must be an s3:// URI");
    }
    if ("-".equals(source) || "-".equals(destination)) {
      if (recursive || move) {
        throw new UsageException("'-' works with cp of one object only");
      }
      Transfers t = new Transfers(s3, ctx, false, 0);
      if ("-".equals(source)) {
        S3Uri dst = S3Uri.parse(destination);
        requireKey(dst);
        t.uploadStdin(dst);
      } else {
        S3Uri src = S3Uri.parse(source);
        requireKey(src);
        t.downloadStdout(src);
      }
      return;
    }
    if (recursive) {
      copyTree(s3, srcS3, dstS3, label);
    } else {
      copyOne(s3, srcS3, dstS3, label);
    }
  }

  private void copyOne(StorageClient s3, boolean srcS3, boolean dstS3, String label) {
    if (!srcS3) {
      Path file = Path.of(source);
      if (!Files.isRegularFile(file)) {
        throw new UsageException(Files.isDirectory(file) ? source + " is a directory: use --recursive"
            : "no such file: " + source);
      }
      S3Uri dst = S3Uri.parse(destination);
      if (dst.key().isEmpty() || dst.key().endsWith("/")) {
        dst = dst.withKey(dst.key() + file.getFileName());
      }
      Transfers t = new Transfers(s3, ctx, !noProgress, Transfers.size(file));
      t.upload(file, dst, label);
      t.finish();
      if (move) {
        delete(file);
      }
      return;
    }
    S3Uri src = S3Uri.parse(source);
    requireKey(src);
    if (dstS3) {
      S3Uri dst = S3Uri.parse(destination);
      if (dst.key().isEmpty() || dst.key().endsWith("/")) {
        dst = dst.withKey(dst.key() + src.baseName());
      }
      new Transfers(s3, ctx, false, 0).copy(src, dst, label);
    } else {
      Path target = Path.of(destination);
      if (Files.isDirectory(target) || destination.endsWith("/")) {
        target = target.resolve(src.baseName());
      }
      Transfers t = new Transfers(s3, ctx, !noProgress, 0); // the total comes with the answer
      t.download(src, target, label);
      t.finish();
    }
    if (move) {
      s3.deleteObject(src.bucket(), src.key());
    }
  }

  private void copyTree(StorageClient s3, boolean srcS3, boolean dstS3, String label) {
    Filters filters = filters();
    if (!srcS3) {
      Path dir = Path.of(source);
      if (!Files.isDirectory(dir)) {
        throw new UsageException("not a directory: " + source);
      }
      S3Uri dst = S3Uri.parse(destination);
      List<Map.Entry<String, Path>> files = new ArrayList<>();
      long total = 0;
      for (Map.Entry<String, Path> e : LocalFiles.walk(dir).entrySet()) {
        if (filters.accepts(e.getKey())) {
          files.add(e);
          total += Transfers.size(e.getValue());
        }
      }
      Transfers t = new Transfers(s3, ctx, !noProgress, total);
      for (Map.Entry<String, Path> e : files) {
        t.upload(e.getValue(), dst.withKey(dst.dirPrefix() + e.getKey()), label);
        if (move) {
          delete(e.getValue());
        }
      }
      t.finish();
      return;
    }
    S3Uri src = S3Uri.parse(source);
    String prefix = src.dirPrefix();
    List<ObjectSummary> objects = new ArrayList<>();
    long total = 0;
    for (ObjectSummary o : (Iterable<ObjectSummary>) s3.listObjects(src.bucket(), prefix)::iterator) {
      String rel = o.key().substring(prefix.length());
      if (!rel.isEmpty() && !rel.endsWith("/") && filters.accepts(rel)) {
        objects.add(o);
        total += o.size();
      }
    }
    Transfers t = new Transfers(s3, ctx, !noProgress && !dstS3, total);
    for (ObjectSummary o : objects) {
      String rel = o.key().substring(prefix.length());
      S3Uri from = src.withKey(o.key());
      if (dstS3) {
        S3Uri dst = S3Uri.parse(destination);
        t.copy(from, dst.withKey(dst.dirPrefix() + rel), label);
      } else {
        t.download(from, LocalFiles.target(Path.of(destination), rel), label);
      }
      if (move) {
        s3.deleteObject(from.bucket(), from.key());
      }
    }
    t.finish();
  }

  private static void requireKey(S3Uri uri) {
    if (uri.key().isEmpty() || uri.key().endsWith("/")) {
      throw new UsageException("give an object key, or --recursive for a prefix: " + uri);
    }
  }

  private static void delete(Path file) {
    try {
      Files.delete(file);
    } catch (IOException e) {
      throw new UncheckedIOException("uploaded, but cannot delete " + file, e);
    }
  }
}
