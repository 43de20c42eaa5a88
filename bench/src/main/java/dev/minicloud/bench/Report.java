package dev.minicloud.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Turns the per-target result files of {@link S3Bench} into one markdown table (stdout) and a
 * results file with the table and every raw number.
 *
 * <pre>
 * Report --dd=dd.properties --minicloud=a.properties --s3proxy=b.properties
 *        --minicloud-default=c.properties --out=results.md [--header=text]
 * </pre>
 * Ratio is MiniCloud/s3proxy for throughput and s3proxy/MiniCloud for latency and time, so above 1
 * always means MiniCloud did better.
 */
public final class Report {

  /** {@code higherIsBetter} null: informational, no ratio. */
  private record Row(String label, String key, Boolean higherIsBetter) { }

  private static final List<Row> ROWS = List.of(
      new Row("warm-up until the server's JIT settled, seconds", "warmup.seconds", null),
      new Row("1 GiB object PUT, MB/s (median of 3)", "big.put.mbps", true),
      new Row("1 GiB object GET, MB/s (median of 3)", "big.get.mbps", true),
      new Row("1 GiB object PUT, light client (curl, presigned URL), MB/s (median of 3)", "curl.put.mbps", true),
      new Row("1 GiB object GET, light client (curl, presigned URL), MB/s (median of 3)", "curl.get.mbps", true),
      new Row("4 KiB PUT, ops/s (16 clients)", "small.put.ops_per_s", true),
      new Row("4 KiB PUT latency p50, ms", "small.put.p50_ms", false),
      new Row("4 KiB PUT latency p99, ms", "small.put.p99_ms", false),
      new Row("4 KiB PUT latency max, ms", "small.put.max_ms", false),
      new Row("4 KiB PUT, server CPU per op (JIT excluded), us", "small.put.server_cpu_us_per_op", false),
      new Row("4 KiB PUT, load generator CPU per op (JIT excluded), us", "small.put.client_cpu_us_per_op", null),
      new Row("4 KiB GET, ops/s (16 clients)", "small.get.ops_per_s", true),
      new Row("4 KiB GET latency p50, ms", "small.get.p50_ms", false),
      new Row("4 KiB GET latency p99, ms", "small.get.p99_ms", false),
      new Row("4 KiB GET latency max, ms", "small.get.max_ms", false),
      new Row("4 KiB GET, server CPU per op (JIT excluded), us", "small.get.server_cpu_us_per_op", false),
      new Row("4 KiB GET, load generator CPU per op (JIT excluded), us", "small.get.client_cpu_us_per_op", null),
      new Row("0-byte PUT creating the list keys, ops/s (16 clients)", "list.create.ops_per_s", true),
      new Row("ListObjectsV2 of 100k keys, keys/s (max-keys 1000, median of 3)", "list.keys_per_s", true),
      new Row("ListObjectsV2 of 100k keys, seconds", "list.seconds", false),
      new Row("host load average (1 min), start and end of the target's run", "host.loadavg_1min", null));

  private Report() { }

  public static void main(String[] args) throws IOException {
    Map<String, String> opts = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        throw new IllegalArgumentException("arguments are --name=value, got: " + arg);
      }
      opts.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    Properties dd = load(opts.get("dd"));
    Properties mc = load(opts.get("minicloud"));
    Properties peer = load(opts.get("s3proxy"));
    Properties mcDefault = load(opts.get("minicloud-default"));

    StringBuilder table = new StringBuilder();
    table.append("Raw disk, same run: `dd bs=1M count=512 conv=fsync` ")
        .append(dd.getProperty("dd.mbps", "?")).append(" MB/s (median; runs ")
        .append(dd.getProperty("dd.runs", "?")).append(")\n");
    // A single PUT's ETag is the MD5 of its bytes, one stream that cannot be split across cores:
    // this is the fastest any server on this CPU can take a large single PUT.
    table.append("MD5 of one stream, same run (`openssl speed md5`, 64 KiB blocks): ")
        .append(dd.getProperty("md5.mbps", "?")).append(" MB/s\n\n");
    table.append("| metric | MiniCloud | s3proxy 2.6.0 | ratio | MiniCloud, SDK default checksums |\n");
    table.append("|---|---|---|---|---|\n");
    for (Row row : ROWS) {
      String a = cell(mc, row.key());
      String b = cell(peer, row.key());
      table.append("| ").append(row.label()).append(" | ").append(a).append(" | ").append(b).append(" | ")
          .append(ratio(mc.getProperty(row.key()), peer.getProperty(row.key()), row.higherIsBetter()))
          .append(" | ").append(cell(mcDefault, row.key())).append(" |\n");
    }
    table.append(shareOfDisk(dd, mc));
    StringBuilder problems = new StringBuilder();
    problems(problems, "MiniCloud", mc);
    problems(problems, "s3proxy", peer);
    problems(problems, "MiniCloud, SDK defaults", mcDefault);

    StringBuilder md = new StringBuilder();
    md.append("# S3 benchmark run ").append(opts.getOrDefault("stamp", "")).append("\n\n");
    if (opts.containsKey("header")) {
      md.append(opts.get("header")).append("\n\n");
    }
    md.append(table);
    if (problems.length() > 0) {
      md.append("\nErrors and notes:\n").append(problems);
    }
    md.append("\n## Raw numbers\n");
    raw(md, "dd", dd);
    raw(md, "MiniCloud (checksums when-required)", mc);
    raw(md, "s3proxy 2.6.0 (checksums when-required)", peer);
    raw(md, "MiniCloud (SDK default checksums)", mcDefault);

    System.out.print(table);
    if (problems.length() > 0) {
      System.out.print("\nErrors and notes:\n" + problems);
    }
    if (opts.containsKey("out")) {
      Files.writeString(Path.of(opts.get("out")), md.toString(), StandardCharsets.UTF_8);
    }
  }

  /** The raw-disk target: MiniCloud's large PUT as a share of {@code dd conv=fsync}, same run. */
  private static String shareOfDisk(Properties dd, Properties mc) {
    String disk = dd.getProperty("dd.mbps");
    if (disk == null) {
      return "";
    }
    double d = Double.parseDouble(disk);
    StringBuilder line = new StringBuilder("\nMiniCloud's large PUT as a share of `dd conv=fsync` (target: 60 %):");
    for (String[] figure : new String[][] {{"big.put.mbps", "SDK client"}, {"curl.put.mbps", "light client"}}) {
      String v = mc.getProperty(figure[0]);
      line.append(' ').append(figure[1]).append(' ')
          .append(v == null ? "-" : String.format(Locale.ROOT, "%.0f %%", 100 * Double.parseDouble(v) / d)).append(';');
    }
    line.setLength(line.length() - 1);
    return line.append("\n").toString();
  }

  private static Properties load(String file) throws IOException {
    Properties p = new Properties();
    if (file != null && Files.exists(Path.of(file))) {
      try (Reader r = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
        p.load(r);
      }
    }
    return p;
  }

  private static String cell(Properties p, String key) {
    String v = p.getProperty(key);
    if (v != null) {
      return v;
    }
    String phase = key.substring(0, key.indexOf('.'));
    return p.getProperty(phase + ".error") != null ? "FAILED" : p.isEmpty() ? "not run" : "-";
  }

  private static String ratio(String mine, String theirs, Boolean higherIsBetter) {
    if (mine == null || theirs == null || higherIsBetter == null) {
      return "-";
    }
    double a = Double.parseDouble(mine);
    double b = Double.parseDouble(theirs);
    double r = higherIsBetter ? a / b : b / a;
    if (!Double.isFinite(r)) {
      return "-";
    }
    return String.format(Locale.ROOT, r >= 10 ? "%.0fx" : "%.2fx", r);
  }

  private static void problems(StringBuilder sb, String who, Properties p) {
    List<String> keys = new ArrayList<>(p.stringPropertyNames());
    keys.sort(null);
    for (String k : keys) {
      String v = p.getProperty(k);
      boolean bad = k.endsWith(".error") || k.endsWith(".first_error") || k.endsWith(".note")
          || (k.endsWith(".errors") && !v.equals("0"));
      if (bad) {
        sb.append("- ").append(who).append(": `").append(k).append("` = ").append(v).append('\n');
      }
    }
  }

  private static void raw(StringBuilder md, String title, Properties p) {
    md.append("\n### ").append(title).append("\n\n```\n");
    List<String> keys = new ArrayList<>(p.stringPropertyNames());
    keys.sort(null);
    for (String k : keys) {
      md.append(k).append('=').append(p.getProperty(k)).append('\n');
    }
    md.append("```\n");
  }
}
