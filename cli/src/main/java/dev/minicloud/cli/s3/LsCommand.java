package dev.minicloud.cli.s3;

import dev.minicloud.sdk.StorageClient;
import dev.minicloud.sdk.storage.Bucket;
import dev.minicloud.sdk.storage.ListOptions;
import dev.minicloud.sdk.storage.ObjectListing;
import dev.minicloud.sdk.storage.ObjectSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code minicloud s3 ls [s3://bucket[/prefix]]}. */
@Command(name = "ls", mixinStandardHelpOptions = true,
    description = "List buckets, or the objects and prefixes under s3://bucket/prefix.")
final class LsCommand extends S3Subcommand {

  @Parameters(arity = "0..1", paramLabel = "S3URI", description = "s3://bucket[/prefix]; none lists your buckets.")
  String target;

  @Option(names = {"-r", "--recursive"}, description = "List every object under the prefix, not just one level.")
  boolean recursive;

  @Option(names = "--page-size", description = "Keys per request (1-1000, default 1000).", defaultValue = "1000")
  int pageSize;

  @Override
  void run(StorageClient s3) {
    if (target == null) {
      List<Bucket> buckets = s3.listBuckets();
      List<List<String>> rows = new ArrayList<>();
      buckets.forEach(b -> rows.add(List.of(String.valueOf(b.creationDate()), b.name())));
      ctx.print(List.of("CREATED", "NAME"), rows, buckets);
      return;
    }
    S3Uri uri = S3Uri.parse(target);
    ListOptions options = new ListOptions().prefix(uri.key()).pageSize(pageSize);
    if (!recursive) {
      options.delimiter("/");
    }
    List<String> prefixes = new ArrayList<>();
    List<ObjectSummary> objects = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    for (ObjectListing page : s3.listObjectPages(uri.bucket(), options)) {
      for (String p : page.commonPrefixes()) {
        prefixes.add(p);
        rows.add(List.of("", "PRE", p));
      }
      for (ObjectSummary o : page.objects()) {
        objects.add(o);
        rows.add(List.of(String.valueOf(o.lastModified()), Long.toString(o.size()), o.key()));
      }
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("prefixes", prefixes);
    json.put("objects", objects);
    ctx.print(List.of("LAST MODIFIED", "SIZE", "KEY"), rows, json);
  }
}
