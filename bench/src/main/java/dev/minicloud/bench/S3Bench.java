package dev.minicloud.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * The S3 load generator behind {@code bench/s3.sh}: one target (endpoint + keys) per run, the same
 * phases for every target, every loop bounded by a maximum count and a deadline. Results go to a
 * properties file ({@code --out}); a phase that fails records {@code <phase>.error} (HTTP status,
 * S3 error code, message, request id) and the run goes on with the next phase.
 *
 * <pre>
 * java -cp 'bench/target/minicloud-bench.jar:bench/target/lib/*' dev.minicloud.bench.S3Bench \
 *   --endpoint=http://127.0.0.1:9000 --access-key=... --secret-key=... --checksums=when-required \
 *   --out=results.properties [--big-mib=1024 --big-reps=3 --small-ops=20000 --small-seconds=30 ...]
 *   [--server-pid=PID: also record the server process's CPU time (JIT threads excluded) per operation of each loop,
 *    and warm up until the server's JIT compilers are quiet (see warmup)]
 * </pre>
 */
public final class S3Bench {

  private final Map<String, String> opts;
  private final Map<String, String> results = new LinkedHashMap<>();
  private final Path out;
  private final S3Client s3;
  private final int threads;

  private S3Bench(Map<String, String> opts) {
    this.opts = opts;
    this.out = Path.of(required("out"));
    this.threads = intOpt("threads", 16);
    String checksums = opts.getOrDefault("checksums", "when-required");
    S3ClientBuilder builder = S3Client.builder()
        .endpointOverride(URI.create(required("endpoint")))
        .forcePathStyle(true)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(required("access-key"), required("secret-key"))))
        .httpClientBuilder(ApacheHttpClient.builder()
            .maxConnections(threads * 2)
            .connectionTimeout(Duration.ofSeconds(5))
            .socketTimeout(Duration.ofSeconds(120)))
        // No retries: a failure must show up in the results, not be hidden by a second attempt.
        .overrideConfiguration(o -> o
            .retryStrategy(AwsRetryStrategy.doNotRetry())
            .apiCallTimeout(Duration.ofSeconds(intOpt("op-timeout-seconds", 60))));
    switch (checksums) {
      case "when-required" -> builder
          .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
          .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
      case "default" -> { }
      default -> throw new IllegalArgumentException("--checksums must be when-required or default");
    }
    this.s3 = builder.build();
    results.put("target", opts.getOrDefault("label", required("endpoint")));
    results.put("checksums", checksums);
    results.put("threads", Integer.toString(threads));
  }

  public static void main(String[] args) throws IOException {
    Map<String, String> opts = new LinkedHashMap<>();
    for (String arg : args) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new IllegalArgumentException("arguments are --name=value, got: " + arg);
      }
      int eq = arg.indexOf('=');
      opts.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    S3Bench bench = new S3Bench(opts);
    try {
      bench.run();
    } finally {
      bench.s3.close();
    }
  }

  private void run() throws IOException {
    List<String> phases = List.of(opts.getOrDefault("phases", "warmup,big,small,list").split(","));
    for (String phase : phases) {
      long started = System.nanoTime();
      log("phase " + phase + " ...");
      try {
        switch (phase) {
          case "warmup" -> warmup();
          case "big" -> big();
          case "small" -> small();
          case "list" -> list();
          case "seed" -> seed();
          case "get" -> getOnly();
          default -> throw new IllegalArgumentException("unknown phase " + phase);
        }
      } catch (RuntimeException e) {
        results.put(phase + ".error", describe(e));
        log("phase " + phase + " FAILED: " + describe(e));
        e.printStackTrace();
      }
      results.put(phase + ".phase_seconds", fmt(seconds(System.nanoTime() - started)));
      log("phase " + phase + " done in " + fmt(seconds(System.nanoTime() - started)) + " s");
      write();
    }
  }

  /** Creates a phase's bucket; one left by an earlier run against the same server is reused. */
  private void createBucket(String bucket) {
    try {
      s3.createBucket(b -> b.bucket(bucket));
    } catch (BucketAlreadyOwnedByYouException e) {
      log("  reusing bucket " + bucket);
    }
  }

  // ---- phases ----------------------------------------------------------------------------------

  /**
   * A mixed 4 KiB PUT/GET load, not measured, until the server's JIT has compiled the hot paths:
   * at least {@code --warmup-seconds} (60), then on until its compiler threads used less than
   * {@code --warmup-jit-quiet-percent} (10) of one core over a 10 s round, at most
   * {@code --warmup-max-seconds} (300). A fixed minute was not enough on a slower machine: after
   * 45 s the compilers still took a third of the CPU and the small-object phases measured them as
   * much as the server (4 KiB PUTs 314/s after 45 s, 541/s after 150 s, same build). Both servers
   * are JVMs and get the same rule, so the figures are steady-state figures for both.
   */
  private void warmup() {
    String bucket = "bench-warmup";
    createBucket(bucket);
    byte[] payload = randomBytes(4096, 7);
    int minSeconds = intOpt("warmup-seconds", 60);
    int maxSeconds = Math.max(minSeconds, intOpt("warmup-max-seconds", 300));
    int quietPercent = intOpt("warmup-jit-quiet-percent", 10);
    long started = System.nanoTime();
    long[] written = {0};
    long ok = 0;
    double lastJitShare = -1;
    long warmupLarge = (long) intOpt("warmup-large-mib", 64) << 20;
    // Rounds of 10 s (PUTs, then GETs of what was put, then one large object PUT, GET and DELETE, so
    // that the compiled code has seen both kinds of transfer before any phase is measured: without
    // it the large-object phase made the JIT throw compiled small-object code away and MiniCloud's
    // next phase ran partly interpreted, at half its rate) until the minimum has passed and the
    // server's JIT compilers used less than quietPercent of one core in the last round, or the
    // maximum has passed. Without --server-pid the compilers cannot be watched: minimum only.
    while (true) {
      long jit0 = jitCpuMicros();
      long round0 = System.nanoTime();
      long offset = written[0];
      Loop put = loop(1_000_000, deadlineIn(5), i -> s3.putObject(b -> b.bucket(bucket).key(smallKey(offset + i)),
          RequestBody.fromBytes(payload)));
      requireNoErrors("warmup PUT", put);
      written[0] += put.succeeded();
      long known = Math.max(1, written[0]);
      Loop get = loop(1_000_000, deadlineIn(5),
          i -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(smallKey((offset + i) % known))));
      requireNoErrors("warmup GET", get);
      ok += put.ok.get() + get.ok.get() + largeRoundTrip(bucket, warmupLarge);
      long jit1 = jitCpuMicros();
      double roundMicros = (System.nanoTime() - round0) / 1_000.0;
      lastJitShare = jit0 < 0 || jit1 < 0 ? -1 : 100.0 * (jit1 - jit0) / roundMicros;
      double elapsed = seconds(System.nanoTime() - started);
      log(String.format(Locale.ROOT, "  warm-up %.0f s: %d ops, JIT compilers %s of a core in the last round",
          elapsed, ok, lastJitShare < 0 ? "(not watched)" : fmt(lastJitShare) + " %"));
      boolean settled = lastJitShare >= 0 && lastJitShare < quietPercent;
      if (elapsed >= maxSeconds || (elapsed >= minSeconds && (settled || lastJitShare < 0))) {
        results.put("warmup.jit_settled", Boolean.toString(settled));
        break;
      }
    }
    results.put("warmup.ops", Long.toString(ok));
    results.put("warmup.seconds", fmt(seconds(System.nanoTime() - started)));
    results.put("warmup.last_round_jit_percent_of_a_core", lastJitShare < 0 ? "n/a" : fmt(lastJitShare));
  }

  /** PUT, GET (drained and checked) and DELETE of one object of {@code size} bytes; returns 3. */
  private int largeRoundTrip(String bucket, long size) {
    if (size <= 0) {
      return 0;
    }
    s3.putObject(PutObjectRequest.builder().bucket(bucket).key("warmup-large").contentLength(size).build(),
        RequestBody.fromContentProvider(() -> new PatternStream(size), size, "application/octet-stream"));
    try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key("warmup-large"))) {
      if (drainAndCheck(in) != size) {
        throw new IllegalStateException("warm-up GET returned a different size");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the warm-up object", e);
    }
    s3.deleteObject(b -> b.bucket(bucket).key("warmup-large"));
    return 3;
  }

  /** One large object: PUT from a generated stream, GET drained and checked, DELETE; median of reps. */
  private void big() {
    String bucket = "bench-big";
    long size = (long) intOpt("big-mib", 1024) << 20;
    int reps = intOpt("big-reps", 3);
    long deadline = deadlineIn(intOpt("big-seconds", 900));
    Duration opTimeout = Duration.ofSeconds(intOpt("big-op-timeout-seconds", 600));
    createBucket(bucket);
    results.put("big.bytes", Long.toString(size));
    List<Double> putRuns = new ArrayList<>();
    List<Double> getRuns = new ArrayList<>();
    for (int rep = 1; rep <= reps && System.nanoTime() < deadline; rep++) {
      String key = "big-" + rep;
      long t0 = System.nanoTime();
      s3.putObject(PutObjectRequest.builder().bucket(bucket).key(key).contentLength(size)
              .overrideConfiguration(o -> o.apiCallTimeout(opTimeout)).build(),
          RequestBody.fromContentProvider(() -> new PatternStream(size), size, "application/octet-stream"));
      double put = mbPerSecond(size, System.nanoTime() - t0);
      putRuns.add(put);
      results.put("big.put.runs_mbps", join(putRuns));
      log("  PUT " + key + ": " + fmt(put) + " MB/s");

      long t1 = System.nanoTime();
      long got;
      try (ResponseInputStream<GetObjectResponse> in = s3.getObject(GetObjectRequest.builder()
          .bucket(bucket).key(key).overrideConfiguration(o -> o.apiCallTimeout(opTimeout)).build())) {
        got = drainAndCheck(in);
      } catch (IOException e) {
        throw new UncheckedIOException("reading GET " + key, e);
      }
      double get = mbPerSecond(size, System.nanoTime() - t1);
      if (got != size) {
        throw new IllegalStateException("GET " + key + " returned " + got + " bytes, expected " + size);
      }
      getRuns.add(get);
      results.put("big.get.runs_mbps", join(getRuns));
      log("  GET " + key + ": " + fmt(get) + " MB/s");
      s3.deleteObject(b -> b.bucket(bucket).key(key));
    }
    results.put("big.put.mbps", fmt(median(putRuns)));
    results.put("big.get.mbps", fmt(median(getRuns)));
    if (putRuns.size() < reps) {
      results.put("big.note", "deadline reached after " + putRuns.size() + " of " + reps + " repetitions");
    }
  }

  /** Many 4 KiB objects from {@code threads} clients: ops/s and latency percentiles, PUT then GET. */
  private void small() {
    String bucket = "bench-small";
    byte[] payload = randomBytes(intOpt("small-bytes", 4096), 11);
    int ops = intOpt("small-ops", 20_000);
    int seconds = intOpt("small-seconds", 30);
    createBucket(bucket);
    Loop put = loop(ops, deadlineIn(seconds), i -> s3.putObject(b -> b.bucket(bucket).key(smallKey(i)),
        RequestBody.fromBytes(payload)));
    record("small.put", put);
    requireSome("4 KiB PUT", put);
    int[] written = put.succeededIndexes();
    Loop get = loop(ops, deadlineIn(seconds), i -> {
      byte[] body = s3.getObjectAsBytes(b -> b.bucket(bucket).key(smallKey(written[(int) (i % written.length)])))
          .asByteArrayUnsafe();
      if (!Arrays.equals(body, payload)) {
        throw new IllegalStateException("GET returned " + body.length + " bytes that differ from what was PUT");
      }
    });
    record("small.get", get);
    requireSome("4 KiB GET", get);
  }

  /**
   * Writes the objects the {@code get} phase reads ({@code --get-objects} of {@code --small-bytes},
   * in {@code --get-bucket}); run once, by a caller that may write, before the {@code get} runs.
   */
  private void seed() {
    String bucket = opts.getOrDefault("get-bucket", "bench-get");
    byte[] payload = randomBytes(intOpt("small-bytes", 4096), 13);
    int objects = intOpt("get-objects", 1000);
    createBucket(bucket);
    Loop put = loop(objects, deadlineIn(intOpt("seed-seconds", 300)),
        i -> s3.putObject(b -> b.bucket(bucket).key(smallKey(i)), RequestBody.fromBytes(payload)));
    record("seed.put", put);
    requireNoErrors("seeding PUT", put);
  }

  /**
   * 4 KiB GETs only, over the objects {@code seed} wrote, from {@code threads} clients: a phase a
   * read-only caller can run (bench/authz-overhead.sh runs it as an account root and as an IAM user).
   */
  private void getOnly() {
    String bucket = opts.getOrDefault("get-bucket", "bench-get");
    int size = intOpt("small-bytes", 4096);
    int objects = intOpt("get-objects", 1000);
    Loop get = loop(intOpt("get-ops", 1_000_000), deadlineIn(intOpt("get-seconds", 20)), i -> {
      byte[] body = s3.getObjectAsBytes(b -> b.bucket(bucket).key(smallKey(i % objects))).asByteArrayUnsafe();
      if (body.length != size) {
        throw new IllegalStateException("GET returned " + body.length + " bytes, expected " + size);
      }
    });
    record("get", get);
    requireNoErrors("4 KiB GET", get);
  }

  /** ListObjectsV2 over many keys in one bucket, 1000 per page; median of reps. */
  private void list() {
    String bucket = "bench-list";
    int keys = intOpt("list-keys", 100_000);
    int reps = intOpt("list-reps", 3);
    createBucket(bucket);
    Loop create = loop(keys, deadlineIn(intOpt("list-create-seconds", 600)),
        i -> s3.putObject(b -> b.bucket(bucket).key(listKey(i)), RequestBody.empty()));
    record("list.create", create);
    requireNoErrors("0-byte PUT (creating the keys to list)", create);
    long expected = create.ok.get();
    results.put("list.keys", Long.toString(expected));
    long deadline = deadlineIn(intOpt("list-seconds", 600));
    List<Double> runs = new ArrayList<>();
    for (int rep = 1; rep <= reps && System.nanoTime() < deadline; rep++) {
      long t0 = System.nanoTime();
      long seen = 0;
      int pages = 0;
      String token = null;
      String last = "";
      do {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("listing deadline reached after " + pages + " pages, " + seen + " keys");
        }
        ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(bucket).maxKeys(1000);
        if (token != null) {
          req.continuationToken(token);
        }
        ListObjectsV2Response page = s3.listObjectsV2(req.build());
        pages++;
        for (var object : page.contents()) {
          if (object.key().compareTo(last) <= 0) {
            throw new IllegalStateException("page " + pages + ": key " + object.key() + " not after " + last);
          }
          last = object.key();
        }
        seen += page.contents().size();
        if (page.contents().size() > 1000) {
          throw new IllegalStateException("page " + pages + " has " + page.contents().size() + " keys (max-keys 1000)");
        }
        token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        if (Boolean.TRUE.equals(page.isTruncated()) && token == null) {
          throw new IllegalStateException("page " + pages + " is truncated but has no NextContinuationToken");
        }
      } while (token != null && pages <= expected / 1000 + 10);
      double secs = seconds(System.nanoTime() - t0);
      if (seen != expected) {
        throw new IllegalStateException("listing returned " + seen + " keys in " + pages + " pages, expected " + expected);
      }
      runs.add(secs);
      results.put("list.runs_seconds", join(runs));
      results.put("list.pages", Integer.toString(pages));
      log("  list " + rep + ": " + seen + " keys, " + pages + " pages, " + fmt(secs) + " s");
    }
    double median = median(runs);
    results.put("list.seconds", fmt(median));
    results.put("list.keys_per_s", fmt(expected / median));
  }

  // ---- the concurrent loop ---------------------------------------------------------------------

  @FunctionalInterface
  private interface Op {
    void run(long index) throws Exception;
  }

  /** What a bounded concurrent loop did: counts, latencies (microseconds), wall time. */
  private static final class Loop {
    final AtomicLong ok = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    final AtomicReference<String> firstError = new AtomicReference<>();
    final Histogram latencyMicros = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
    boolean[] succeeded;
    long elapsedNanos;
    boolean deadlineHit;
    /** CPU time the server process used during the loop (--server-pid), or -1. */
    long serverCpuMicros = -1;
    /** CPU time this load generator used during the loop (JIT excluded), or -1. */
    long clientCpuMicros = -1;

    int succeeded() {
      return (int) ok.get();
    }

    int[] succeededIndexes() {
      int[] indexes = new int[succeeded()];
      int n = 0;
      for (int i = 0; i < succeeded.length && n < indexes.length; i++) {
        if (succeeded[i]) {
          indexes[n++] = i;
        }
      }
      return indexes;
    }
  }

  /**
   * Runs {@code op(0..maxOps-1)} from {@code threads} threads sharing the one client, until all ops
   * are issued, the deadline passes, or 100 ops have failed.
   */
  private Loop loop(int maxOps, long deadline, Op op) {
    Loop loop = new Loop();
    loop.succeeded = new boolean[maxOps];
    AtomicLong next = new AtomicLong();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicBoolean deadlineHit = new AtomicBoolean();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Histogram>> futures = new ArrayList<>();
    long cpu0 = serverCpuMicros();
    long clientCpu0 = cpuMicrosLessJit(Long.toString(ProcessHandle.current().pid()));
    long t0 = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        Histogram mine = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        while (!stop.get()) {
          long i = next.getAndIncrement();
          if (i >= maxOps) {
            break;
          }
          long start = System.nanoTime();
          if (start > deadline) {
            deadlineHit.set(true);
            break;
          }
          try {
            op.run(i);
            mine.recordValue(Math.min((System.nanoTime() - start) / 1000, mine.getHighestTrackableValue()));
            loop.succeeded[(int) i] = true;
            loop.ok.incrementAndGet();
          } catch (Exception e) {
            loop.firstError.compareAndSet(null, "op " + i + ": " + describe(e));
            if (loop.errors.incrementAndGet() >= 100) {
              stop.set(true);
            }
          }
        }
        return mine;
      }));
    }
    pool.shutdown();
    try {
      // Every op has its own API-call timeout, so the pool ends soon after the deadline.
      long grace = TimeUnit.SECONDS.toNanos(intOpt("op-timeout-seconds", 60) + 30);
      if (!pool.awaitTermination(Math.max(0, deadline - System.nanoTime()) + grace, TimeUnit.NANOSECONDS)) {
        pool.shutdownNow();
        throw new IllegalStateException("load threads did not stop after the deadline");
      }
      loop.elapsedNanos = System.nanoTime() - t0;
      long cpu1 = serverCpuMicros();
      loop.serverCpuMicros = cpu0 < 0 || cpu1 < 0 ? -1 : cpu1 - cpu0;
      long clientCpu1 = cpuMicrosLessJit(Long.toString(ProcessHandle.current().pid()));
      loop.clientCpuMicros = clientCpu0 < 0 || clientCpu1 < 0 ? -1 : clientCpu1 - clientCpu0;
      for (Future<Histogram> f : futures) {
        loop.latencyMicros.add(f.get());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("load thread failed", e.getCause());
    }
    loop.deadlineHit = deadlineHit.get();
    return loop;
  }

  private void record(String prefix, Loop loop) {
    Histogram h = loop.latencyMicros;
    results.put(prefix + ".ops", Long.toString(loop.ok.get()));
    results.put(prefix + ".errors", Long.toString(loop.errors.get()));
    results.put(prefix + ".seconds", fmt(seconds(loop.elapsedNanos)));
    results.put(prefix + ".ops_per_s", fmt(loop.ok.get() / seconds(loop.elapsedNanos)));
    if (h.getTotalCount() > 0) {
      results.put(prefix + ".p50_ms", fmt(h.getValueAtPercentile(50) / 1000.0));
      results.put(prefix + ".p99_ms", fmt(h.getValueAtPercentile(99) / 1000.0));
      results.put(prefix + ".max_ms", fmt(h.getMaxValue() / 1000.0));
    }
    if (loop.serverCpuMicros >= 0 && loop.ok.get() > 0) {
      results.put(prefix + ".server_cpu_us_per_op", fmt((double) loop.serverCpuMicros / loop.ok.get()));
    }
    if (loop.clientCpuMicros >= 0 && loop.ok.get() > 0) {
      // On a small machine the load generator shares the cores: ops/s is bounded by server plus
      // client CPU per op, so a server's ops/s ratio also depends on what its responses cost the client.
      results.put(prefix + ".client_cpu_us_per_op", fmt((double) loop.clientCpuMicros / loop.ok.get()));
    }
    if (loop.deadlineHit) {
      results.put(prefix + ".note", "stopped by the deadline after " + loop.ok.get() + " ops");
    }
    if (loop.firstError.get() != null) {
      results.put(prefix + ".first_error", loop.firstError.get());
    }
    log("  " + prefix + ": " + loop.ok.get() + " ok, " + loop.errors.get() + " errors, "
        + fmt(loop.ok.get() / seconds(loop.elapsedNanos)) + " ops/s"
        + (h.getTotalCount() > 0 ? ", p50 " + fmt(h.getValueAtPercentile(50) / 1000.0) + " ms, p99 "
            + fmt(h.getValueAtPercentile(99) / 1000.0) + " ms" : "")
        + (loop.firstError.get() != null ? "; first error: " + loop.firstError.get() : ""));
  }

  private static void requireSome(String what, Loop loop) {
    if (loop.ok.get() == 0) {
      throw new IllegalStateException(what + ": no op succeeded; first error: " + loop.firstError.get());
    }
  }

  private static void requireNoErrors(String what, Loop loop) {
    if (loop.errors.get() > 0) {
      throw new IllegalStateException(what + ": " + loop.errors.get() + " ops failed; first error: "
          + loop.firstError.get());
    }
  }

  // ---- data ------------------------------------------------------------------------------------

  private static final int PATTERN_SIZE = 1 << 20;
  /** The large object's content: a fixed pseudo-random 1 MiB block repeated (incompressible enough). */
  private static final byte[] PATTERN = randomBytes(PATTERN_SIZE, 42);

  /** Generates {@code size} bytes of {@link #PATTERN} on the fly: no object-sized buffer anywhere. */
  private static final class PatternStream extends InputStream {
    private final long size;
    private long pos;

    PatternStream(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      return pos < size ? PATTERN[(int) (pos++ % PATTERN_SIZE)] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      if (pos >= size) {
        return -1;
      }
      int at = (int) (pos % PATTERN_SIZE);
      int n = (int) Math.min(Math.min(len, size - pos), PATTERN_SIZE - at);
      System.arraycopy(PATTERN, at, b, off, n);
      pos += n;
      return n;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, size - pos);
    }
  }

  /** Reads the stream to its end and checks it against the pattern; returns the byte count. */
  private static long drainAndCheck(InputStream in) throws IOException {
    byte[] buf = new byte[256 * 1024];
    long pos = 0;
    int n;
    while ((n = in.read(buf)) != -1) {
      int done = 0;
      while (done < n) {
        int at = (int) ((pos + done) % PATTERN_SIZE);
        int len = Math.min(n - done, PATTERN_SIZE - at);
        if (Arrays.mismatch(buf, done, done + len, PATTERN, at, at + len) != -1) {
          throw new IllegalStateException("GET body differs from what was PUT near byte " + (pos + done));
        }
        done += len;
      }
      pos += n;
    }
    return pos;
  }

  private static byte[] randomBytes(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static String smallKey(long i) {
    return String.format(Locale.ROOT, "obj-%08d", i);
  }

  private static String listKey(long i) {
    return String.format(Locale.ROOT, "key-%06d", i);
  }

  // ---- helpers ---------------------------------------------------------------------------------

  /** The symptom, precisely: HTTP status, S3 error code and message, request id. */
  static String describe(Throwable e) {
    if (e instanceof AwsServiceException s) {
      var details = s.awsErrorDetails();
      return "HTTP " + s.statusCode() + " " + (details == null ? "?" : details.errorCode()) + ": "
          + (details == null ? s.getMessage() : details.errorMessage())
          + " (request id " + s.requestId() + ")";
    }
    StringBuilder sb = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
    for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
      sb.append(" <- ").append(c.getClass().getSimpleName()).append(": ").append(c.getMessage());
    }
    return sb.toString().replace('\n', ' ');
  }

  private void write() throws IOException {
    StringBuilder sb = new StringBuilder();
    results.forEach((k, v) -> sb.append(k).append('=').append(v.replace("\\", "\\\\").replace("\n", " ")).append('\n'));
    Files.writeString(out, sb.toString(), StandardCharsets.UTF_8);
  }

  private String required(String name) {
    String v = opts.get(name);
    if (v == null || v.isEmpty()) {
      throw new IllegalArgumentException("missing --" + name + "=...");
    }
    return v;
  }

  private int intOpt(String name, int def) {
    return Integer.parseInt(opts.getOrDefault(name, Integer.toString(def)));
  }

  private static long deadlineIn(int seconds) {
    return System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }

  /** MB = 10^6 bytes, as dd reports it. */
  private static double mbPerSecond(long bytes, long nanos) {
    return bytes / 1e6 / seconds(nanos);
  }

  static double median(List<Double> xs) {
    if (xs.isEmpty()) {
      throw new IllegalStateException("no completed repetition");
    }
    List<Double> sorted = new ArrayList<>(xs);
    sorted.sort(null);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String join(List<Double> xs) {
    StringJoiner j = new StringJoiner(" ");
    xs.forEach(x -> j.add(fmt(x)));
    return j.toString();
  }

  static String fmt(double x) {
    return x >= 100 ? String.format(Locale.ROOT, "%.0f", x)
        : x >= 10 ? String.format(Locale.ROOT, "%.1f", x) : String.format(Locale.ROOT, "%.3g", x);
  }

  /**
   * User + system CPU time of the server process ({@code --server-pid}, from {@code /proc/<pid>/stat},
   * clock ticks of 10 ms) less that of its JIT compiler threads, or -1 when not asked for or not
   * readable. Without the JIT: on a loaded machine a short run spends seconds of CPU compiling,
   * which says nothing about what an operation costs once compiled.
   */
  private long serverCpuMicros() {
    String pid = opts.get("server-pid");
    return pid == null ? -1 : cpuMicrosLessJit(pid);
  }

  /** User + system CPU time of process {@code pid} less its JIT compiler threads', or -1 when not readable. */
  private static long cpuMicrosLessJit(String pid) {
    long[] ticks = processTicks(pid);
    return ticks == null ? -1 : (ticks[0] - ticks[1]) * 10_000L;
  }

  /** CPU time of the server's JIT compiler threads ({@code --server-pid}), or -1. */
  private long jitCpuMicros() {
    String pid = opts.get("server-pid");
    long[] ticks = pid == null ? null : processTicks(pid);
    return ticks == null ? -1 : ticks[1] * 10_000L;
  }

  /** {whole process, its C1/C2 compiler threads} in clock ticks, or null when not readable. */
  private static long[] processTicks(String pid) {
    try {
      long all = cpuTicks(Path.of("/proc", pid, "stat"));
      long jit = 0;
      try (var tasks = Files.list(Path.of("/proc", pid, "task"))) {
        for (Path task : (Iterable<Path>) tasks::iterator) {
          try {
            String name = Files.readString(task.resolve("comm")).trim();
            if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
              jit += cpuTicks(task.resolve("stat"));
            }
          } catch (IOException e) {
            // the thread ended meanwhile
          }
        }
      }
      return new long[] {all, jit};
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** utime + stime (fields 14 and 15) of a /proc stat file, in clock ticks. */
  private static long cpuTicks(Path stat) throws IOException {
    String line = Files.readString(stat);
    String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  private static void log(String msg) {
    System.err.println("[s3bench] " + msg);
  }
}
