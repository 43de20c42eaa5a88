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
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code minicloud s3 sync SRC DST}: makes a prefix match a local directory or the other way
 * round. A file is copied when it is missing at the destination, has a different size, or the
 * source is newer; {@code --delete} removes what the source does not have.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
    description = {"Sync a local directory to a prefix (or a prefix to a directory, or prefix to prefix):",
        "copies new files, files whose size differs and files newer at the source."})
final class SyncCommand extends S3Subcommand {

  @Parameters(index = "0", paramLabel = "SRC", description = "A local directory or s3://bucket/prefix.")
  String source;

  @Parameters(index = "1", paramLabel = "DST", description = "A local directory or s3://bucket/prefix.")
  String destination;

  @Option(names = "--include", paramLabel = "GLOB", description = "Only paths matching (relative to the source).")
  List<String> includes;

  @Option(names = "--exclude", paramLabel = "GLOB", description = "Skip paths matching (relative to the source).")
  List<String> excludes;

  @Option(names = "--delete", description = "Delete destination files that are not in the source.")
  boolean delete;

  @Option(names = "--dryrun", description = "Show what would be done, do nothing.")
  boolean dryrun;

  @Option(names = "--no-progress", description = "Never show the progress bar.")
  boolean noProgress;

  /** One side of a sync, as relative path -> (size, modification time). */
  private record Entry(long size, java.time.Instant modified) {}

  @Override
  void run(StorageClient s3) {
    boolean srcS3 = S3Uri.isS3(source);
    boolean dstS3 = S3Uri.isS3(destination);
    if (!srcS3 && !dstS3) {
      throw new UsageException("one of SRC and DST must be an s3:// URI");
    }
    if (!srcS3 && !Files.isDirectory(Path.of(source))) {
      throw new UsageException("not a directory: " + source);
    }
    Filters filters = filters();
    Map<String, Entry> src = side(s3, source, filters);
    Map<String, Entry> dst = side(s3, destination, filters);

    List<String> toCopy = new ArrayList<>();
    long total = 0;
    for (Map.Entry<String, Entry> e : src.entrySet()) {
      Entry there = dst.get(e.getKey());
      if (there == null || there.size() != e.getValue().size()
          || e.getValue().modified().isAfter(there.modified())) {
        toCopy.add(e.getKey());
        total += e.getValue().size();
      }
    }
    String label = srcS3 ? (dstS3 ? "copy" : "download") : "upload";
    Transfers t = new Transfers(s3, ctx, !noProgress && !dryrun && !(srcS3 && dstS3), total);
    for (String rel : toCopy) {
      if (dryrun) {
        t.say("(dryrun) " + label + ": " + join(source, rel) + " to " + join(destination, rel));
        continue;
      }
      if (!srcS3) {
        S3Uri d = S3Uri.parse(destination);
        t.upload(LocalFiles.target(Path.of(source), rel), d.withKey(d.dirPrefix() + rel), label);
      } else {
        S3Uri s = S3Uri.parse(source);
        S3Uri from = s.withKey(s.dirPrefix() + rel);
        if (dstS3) {
          S3Uri d = S3Uri.parse(destination);
          t.copy(from, d.withKey(d.dirPrefix() + rel), label);
        } else {
          t.download(from, LocalFiles.target(Path.of(destination), rel), label);
        }
      }
    }
    t.finish();
    if (delete) {
      List<String> extra = new ArrayList<>();
      for (String rel : dst.keySet()) {
        if (!src.containsKey(rel)) {
          extra.add(rel);
        }
      }
      for (String rel : extra) {
        t.say((dryrun ? "(dryrun) " : "") + "delete: " + join(destination, rel));
        if (dryrun) {
          continue;
        }
        if (dstS3) {
          S3Uri d = S3Uri.parse(destination);
          s3.deleteObject(d.bucket(), d.dirPrefix() + rel);
        } else {
          try {
            Files.deleteIfExists(LocalFiles.target(Path.of(destination), rel));
          } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + rel, e);
          }
        }
      }
    }
  }

  private static Map<String, Entry> side(StorageClient s3, String location, Filters filters) {
    Map<String, Entry> entries = new TreeMap<>();
    if (S3Uri.isS3(location)) {
      S3Uri uri = S3Uri.parse(location);
      String prefix = uri.dirPrefix();
      for (ObjectSummary o : (Iterable<ObjectSummary>) s3.listObjects(uri.bucket(), prefix)::iterator) {
        String rel = o.key().substring(prefix.length());
        if (!rel.isEmpty() && !rel.endsWith("/") && filters.accepts(rel)) {
          entries.put(rel, new Entry(o.size(), seconds(o.lastModified())));
        }
      }
    } else {
      LocalFiles.walk(Path.of(location)).forEach((rel, path) -> {
        if (filters.accepts(rel)) {
          entries.put(rel, new Entry(Transfers.size(path), seconds(Transfers.mtime(path))));
        }
      });
    }
    return entries;
  }

  /** Listings date objects to the second (or millisecond): compare at whole seconds. */
  private static java.time.Instant seconds(java.time.Instant t) {
    return t == null ? java.time.Instant.EPOCH : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  private static String join(String location, String rel) {
    if (S3Uri.isS3(location)) {
      S3Uri u = S3Uri.parse(location);
      return S3Uri.SCHEME + u.bucket() + "/" + u.dirPrefix() + rel;
    }
    return Path.of(location).resolve(rel).toString();
  }
}
