package dev.minicloud.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.minicloud.common.json.Json;
import dev.minicloud.common.testing.Poll;
import dev.minicloud.sdk.MiniCloudClient;
import java.io.File;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real {@code minicloud} CLI (the packaged distribution, a child JVM per command, exactly what
 * {@code ./minicloud} runs) against the real platform on loopback.
 */
class CliIT {

  private static final int MIB = 1024 * 1024;

  @TempDir
  static Path data;

  @TempDir
  static Path work;

  static InProcessPlatform platform;
  static Path config;
  /** Class-data sharing archive written by the first CLI run and mapped by the others (faster starts). */
  static Path cds;
  /** The Java SDK, to set up and check state without paying a JVM start per step. */
  static MiniCloudClient sdk;

  /** What one CLI run printed and returned. */
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  @BeforeAll
  static void start() throws Exception {
    platform = new InProcessPlatform(data);
    config = work.resolve("home/.minicloud/config");
    Result r = cli(null, "configure", "--endpoint", platform.endpoint(),
        "--access-key", platform.root.accessKeyId(), "--secret-key", platform.root.secretKey(), "--region", "us-east-1");
    assertEquals(0, r.exit(), r.toString());
    cds = work.resolve("cli.jsa"); // this run writes the archive; the next ones map it
    assertEquals(0, cli(null, "s3", "ls").exit());
    sdk = MiniCloudClient.builder().endpoint(platform.endpoint())
        .credentials(platform.root.accessKeyId(), platform.root.secretKey()).profileFile(config).build();
  }

  @AfterAll
  static void stop() {
    sdk.close();
    platform.close();
  }

  static List<String> javaCommand(String... args) {
    Path jar = Path.of("target", "minicloud.jar").toAbsolutePath();
    Path lib = Path.of("target", "lib").toAbsolutePath();
    assertTrue(Files.isRegularFile(jar), "the packaged distribution is missing; run mvn package");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-Xmx256m",
        cds == null ? "-Xshare:auto" : Files.exists(cds) ? "-XX:SharedArchiveFile=" + cds : "-XX:ArchiveClassesAtExit=" + cds,
        "-cp", jar + File.pathSeparator + lib + File.separator + "*",
        "dev.minicloud.dist.Main"));
    command.addAll(Arrays.asList(args));
    return command;
  }

  static void environment(Map<String, String> env) {
    env.keySet().removeIf(k -> k.startsWith("MINICLOUD_") || k.startsWith("AWS_"));
    env.put("MINICLOUD_CONFIG_FILE", config.toString());
    env.put("HOME", work.resolve("home").toString());
  }

  /** Runs the CLI with {@code stdin} (null for none) and waits for it. */
  static Result cli(String stdin, String... args) throws Exception {
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    ProcessBuilder pb = new ProcessBuilder(javaCommand(args)).directory(work.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    environment(pb.environment());
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("minicloud " + String.join(" ", args) + " did not finish");
    }
    return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  static Result ok(String... args) throws Exception {
    Result r = cli(null, args);
    assertEquals(0, r.exit(), "minicloud " + String.join(" ", args) + "\n" + r);
    assertFalse(r.err().contains("\tat "), r.toString());
    return r;
  }

  static Result fails(int exit, String... args) throws Exception {
    Result r = cli(null, args);
    assertEquals(exit, r.exit(), "minicloud " + String.join(" ", args) + "\n" + r);
    assertFalse(r.err().contains("\tat "), "no stack trace without --debug\n" + r);
    return r;
  }

  static byte[] random(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  @Test
  void configureWritesAnOwnerOnlyProfileInteractivelyToo() throws Exception {
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));
    String answers = platform.endpoint() + "\n" + platform.root.accessKeyId() + "\n" + platform.root.secretKey() + "\n\n";
    Result r = cli(answers, "configure", "--profile", "typed");
    assertEquals(0, r.exit(), r.toString());
    assertTrue(r.out().contains("Access key ID [None]: "), r.out());
    assertTrue(r.out().contains("Region [us-east-1]: "), r.out());
    String text = Files.readString(config);
    assertTrue(text.contains("[default]") && text.contains("[typed]"), text);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(config)));

    Result who = ok("--profile", "typed", "whoami", "--output", "json");
    assertTrue(Json.mapper().readTree(who.out()).path("arn").asText().endsWith(":root"), who.out());
    assertTrue(fails(1, "--profile", "nope", "s3", "ls").err().contains("NoSuchProfile"));
  }

  @Test
  void bucketsAndObjectsRoundTrip() throws Exception {
    assertTrue(ok("s3", "mb", "s3://cli-round").out().contains("make_bucket: cli-round"));
    Result again = fails(1, "s3", "mb", "s3://cli-round");
    assertTrue(again.err().startsWith("error: BucketAlreadyOwnedByYou: "), again.toString());

    Path small = work.resolve("small.txt");
    Files.writeString(small, "hello cli\n");
    byte[] bigBytes = random(17 * MIB, 7);
    Path big = work.resolve("big.bin");
    Files.write(big, bigBytes);
    ok("s3", "cp", small.toString(), "s3://cli-round/docs/");
    Result up = ok("s3", "cp", big.toString(), "s3://cli-round/data/big.bin");
    assertTrue(up.out().contains("upload: "), up.toString());
    assertEquals("", up.err(), "no progress bar when not on a terminal");

    Result ls = ok("s3", "ls", "s3://cli-round");
    assertTrue(ls.out().contains("PRE") && ls.out().contains("docs/") && ls.out().contains("data/"), ls.out());
    JsonNode json = Json.mapper().readTree(ok("s3", "ls", "s3://cli-round", "--recursive", "--output", "json").out());
    assertEquals(2, json.path("objects").size(), json.toString());

    Path down = work.resolve("down.bin");
    ok("s3", "cp", "s3://cli-round/data/big.bin", down.toString());
    assertTrue(Arrays.equals(bigBytes, Files.readAllBytes(down)));
    ok("s3", "cp", "s3://cli-round/docs/small.txt", "s3://cli-round/copied.txt");
    ok("s3", "mv", "s3://cli-round/copied.txt", work.resolve("moved.txt").toString());
    assertEquals("hello cli\n", Files.readString(work.resolve("moved.txt")));
    assertEquals("hello cli\n", ok("s3", "cp", "s3://cli-round/docs/small.txt", "-").out());

    ok("s3", "rm", "s3://cli-round/docs/small.txt");
    assertFalse(sdk.storage().objectExists("cli-round", "docs/small.txt"));
    assertTrue(fails(1, "s3", "rb", "s3://cli-round").err().contains("BucketNotEmpty"));
    ok("s3", "rb", "s3://cli-round", "--force");
    assertFalse(sdk.storage().bucketExists("cli-round"));
  }

  @Test
  void syncWithFiltersAndRecursiveRemove() throws Exception {
    sdk.storage().createBucket("cli-sync");
    Path tree = work.resolve("tree");
    Files.createDirectories(tree.resolve("a"));
    Files.createDirectories(tree.resolve("b"));
    Files.writeString(tree.resolve("a/one.txt"), "1");
    Files.writeString(tree.resolve("b/two.log"), "2");
    Files.writeString(tree.resolve("three.txt"), "3");

    Result first = ok("s3", "sync", tree.toString(), "s3://cli-sync/backup", "--exclude", "*.log");
    assertEquals(2, first.out().lines().filter(l -> l.startsWith("upload: ")).count(), first.toString());
    assertEquals("", ok("s3", "sync", tree.toString(), "s3://cli-sync/backup", "--exclude", "*.log").out(),
        "nothing changed, nothing copied");
    Files.writeString(tree.resolve("three.txt"), "three, longer now");
    Result changed = ok("s3", "sync", tree.toString(), "s3://cli-sync/backup", "--exclude", "*.log");
    assertTrue(changed.out().contains("three.txt") && !changed.out().contains("one.txt"), changed.toString());

    Path restore = work.resolve("restore");
    ok("s3", "sync", "s3://cli-sync/backup", restore.toString());
    assertEquals("1", Files.readString(restore.resolve("a/one.txt")));
    assertEquals("three, longer now", Files.readString(restore.resolve("three.txt")));
    assertFalse(Files.exists(restore.resolve("b/two.log")));

    ok("s3", "cp", tree.toString(), "s3://cli-sync/all", "--recursive");
    Result rm = ok("s3", "rm", "s3://cli-sync/all", "--recursive", "--exclude", "*", "--include", "*.txt");
    assertEquals(2, rm.out().lines().filter(l -> l.startsWith("delete: ")).count(), rm.toString());
    List<String> left = sdk.storage().listObjects("cli-sync", "all/").map(o -> o.key()).collect(Collectors.toList());
    assertEquals(List.of("all/b/two.log"), left);
    assertTrue(ok("--output", "text", "s3", "ls").out().lines().anyMatch(l -> l.endsWith("\tcli-sync")));
  }

  @Test
  void presignedUrlFetchesTheObject() throws Exception {
    sdk.storage().createBucket("cli-presign");
    sdk.storage().putObject("cli-presign", "shared.txt", "shared via url".getBytes(StandardCharsets.UTF_8));
    String url = ok("s3", "presign", "s3://cli-presign/shared.txt", "--expires-in", "300").out().strip();
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("shared via url", r.body());
  }

  @Test
  void errorsGiveCodesAndExitStatus() throws Exception {
    Result noBucket = fails(1, "s3", "ls", "s3://cli-absent");
    assertTrue(noBucket.err().startsWith("error: NoSuchBucket: "), noBucket.toString());
    assertTrue(noBucket.err().contains("request id "), noBucket.toString());

    assertTrue(fails(2, "s3", "cp", "--no-such-option", "a", "b").err().contains("Unknown option"));
    assertTrue(fails(2, "s3", "cp", "local-a", "local-b").err().contains("must be an s3:// URI"));
    assertTrue(fails(2, "s3", "presign", "s3://cli-absent/x", "--expires-in", "0").err().contains("--expires-in"));

    Result refused = fails(1, "--endpoint", "http://127.0.0.1:1", "s3", "ls");
    assertTrue(refused.err().startsWith("error: ClientError: "), refused.toString());

    Result debug = cli(null, "--debug", "s3", "ls", "s3://cli-absent");
    assertEquals(1, debug.exit());
    assertTrue(debug.err().contains("[debug] GET /cli-absent"), debug.toString());
    assertTrue(debug.err().contains("\tat "), "--debug shows the stack trace\n" + debug);
  }

  @Test
  void adminNodesAndCompletion() throws Exception {
    JsonNode nodes = Json.mapper().readTree(ok("admin", "nodes", "--output", "json").out());
    assertTrue(nodes.isArray() && nodes.size() >= 1, nodes.toString());
    assertEquals("up", nodes.get(0).path("state").asText().toLowerCase(java.util.Locale.ROOT));
    String script = ok("completion").out();
    assertTrue(script.contains("complete -F") && script.contains("minicloud"), script.substring(0, 200));
  }

  @Test
  void progressBarOnATerminalOnly() throws Exception {
    assertTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs script(1) for a pseudo-terminal (util-linux)");
    sdk.storage().createBucket("cli-tty");
    Path big = work.resolve("tty.bin");
    Files.write(big, random(18 * MIB, 8));
    String command = javaCommand("s3", "cp", big.toString(), "s3://cli-tty/tty.bin").stream()
        .map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    Path out = work.resolve("tty.out");
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/script", "-qec", command, "/dev/null")
        .directory(work.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
    environment(pb.environment());
    Process p = pb.start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "cp under a pty did not finish");
    String screen = Files.readString(out);
    assertEquals(0, p.exitValue(), screen);
    assertTrue(screen.contains("100%") && screen.contains("18.0 MiB / 18.0 MiB") && screen.contains("/s  ETA"), screen);
    assertTrue(screen.contains("\r"), "redrawn in place");
    assertTrue(screen.contains("upload: "), screen);
  }

  @Test
  void computeRunWaitListLogsExecStopTerminate() throws Exception {
    platform.startComputeAgent();
    Path boot = work.resolve("boot.sh");
    Files.writeString(boot, "mkdir -p /www\necho \"cli page $(hostname)\" > /www/index.html\nhttpd -p 80 -h /www\n"
        + "echo cli-user-data-done\n");
    Result run = ok("compute", "run", "--image", "busybox", "--type", "nano", "--user-data", "@" + boot,
        "--port", "80", "--tag", "Name=cli-web", "--wait", "--output", "json");
    assertEquals("", run.err(), "no spinner when piped");
    JsonNode instance = Json.mapper().readTree(run.out()).get(0);
    String id = instance.path("instanceId").asText();
    try {
      assertEquals("running", instance.path("state").path("name").asText(), run.out());
      assertEquals(80, instance.path("ports").get(0).path("containerPort").asInt());

      Result ls = ok("compute", "ls", "--tag", "Name=cli-web");
      assertTrue(ls.out().startsWith("INSTANCE"), ls.out());
      assertTrue(ls.out().lines().anyMatch(l -> l.startsWith(id) && l.contains("running") && l.contains("->80")),
          ls.out());
      Poll.until(Duration.ofSeconds(30), "user data's output in the console",
          () -> sdk.compute().consoleOutput(id, 20).output().contains("cli-user-data-done"));
      assertTrue(ok("compute", "logs", id, "--tail", "20").out().contains("cli-user-data-done"));

      Result exec = cli(null, "compute", "exec", id, "--", "sh", "-c", "cat /www/index.html; echo to-err >&2; exit 4");
      assertEquals(4, exec.exit(), "exec exits with the command's status\n" + exec);
      assertEquals("cli page " + id + "\n", exec.out());
      assertEquals("to-err\n", exec.err());

      // logs -f: the earlier lines, then what is written after, until we hang up.
      Path followed = work.resolve("follow.out");
      ProcessBuilder followBuilder = new ProcessBuilder(javaCommand("compute", "logs", id, "-f", "--tail", "20"))
          .directory(work.toFile()).redirectOutput(followed.toFile())
          .redirectError(work.resolve("follow.err").toFile());
      environment(followBuilder.environment());
      Process follow = followBuilder.start();
      try {
        Poll.until(Duration.ofSeconds(30), "logs -f prints the boot output",
            () -> read(followed).contains("cli-user-data-done") || !follow.isAlive());
        assertTrue(follow.isAlive(), "logs -f ended early: " + read(work.resolve("follow.err")));
        sdk.compute().exec(id, "sh", "-c", "echo cli-follow-marker > /proc/1/fd/1");
        Poll.until(Duration.ofSeconds(30), "logs -f prints a line written later",
            () -> read(followed).contains("cli-follow-marker"));
      } finally {
        follow.destroy();
        follow.waitFor(10, TimeUnit.SECONDS);
      }

      Result stop = ok("compute", "stop", id, "--wait");
      assertTrue(stop.out().lines().anyMatch(l -> l.startsWith(id) && l.contains("running") && l.endsWith("stopped")),
          stop.out());
      assertEquals("stopped", Json.mapper().readTree(ok("compute", "describe", id, "--output", "json").out())
          .path("state").path("name").asText());
      Result notRunning = fails(1, "compute", "exec", id, "--", "true");
      assertTrue(notRunning.err().startsWith("error: IncorrectInstanceState: "), notRunning.toString());
      startUnderATerminal(id);
      assertEquals("running", sdk.compute().describeInstance(id).stateName());
      Result terminate = ok("--output", "text", "compute", "terminate", id, "--wait");
      assertEquals(id + "\trunning\tterminated", terminate.out().strip());
    } finally {
      sdk.compute().terminateInstance(id);
    }
    assertTrue(ok("compute", "types").out().lines().anyMatch(l -> l.startsWith("nano") && l.contains("64 MiB")));
    assertTrue(ok("--output", "text", "compute", "images").out().lines().anyMatch(l -> l.contains("\tbusybox\t")));
    Result unknown = fails(1, "compute", "describe", "i-0123456789abcdef0");
    assertTrue(unknown.err().startsWith("error: InvalidInstanceID.NotFound: "), unknown.toString());
    assertTrue(fails(2, "compute", "run", "--type", "nano").err().contains("--image"));
  }

  /** {@code compute start --wait} under a pseudo-terminal draws a spinner on stderr. */
  private static void startUnderATerminal(String id) throws Exception {
    assertTrue(Files.isExecutable(Path.of("/usr/bin/script")), "needs script(1) for a pseudo-terminal (util-linux)");
    String command = javaCommand("compute", "start", id, "--wait").stream()
        .map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
    Path out = work.resolve("start-tty.out");
    ProcessBuilder pb = new ProcessBuilder("/usr/bin/script", "-qec", command, "/dev/null")
        .directory(work.toFile()).redirectErrorStream(true).redirectOutput(out.toFile());
    environment(pb.environment());
    Process p = pb.start();
    p.getOutputStream().close();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "start under a pty did not finish");
    String screen = Files.readString(out);
    assertEquals(0, p.exitValue(), screen);
    assertTrue(screen.contains("\r| starting " + id) || screen.contains("\r| waiting for " + id), screen);
    assertTrue(screen.contains("\r\033[K"), "the spinner's line is cleared: " + screen);
    assertTrue(screen.contains("stopped") && screen.contains("running"), screen);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void iamUserWithAReadOnlyKey() throws Exception {
    sdk.storage().createBucket("cli-iam");
    JsonNode user = Json.mapper().readTree(ok("iam", "users", "create", "cli-bob", "--output", "json").out());
    assertTrue(user.path("arn").asText().endsWith(":user/cli-bob"), user.toString());
    assertTrue(ok("--output", "text", "iam", "users", "ls").out().lines().anyMatch(l -> l.startsWith("cli-bob\t")));
    JsonNode key = Json.mapper().readTree(ok("iam", "access-keys", "create", "cli-bob", "--output", "json").out());
    String keyId = key.path("accessKeyId").asText();
    String secret = key.path("secretAccessKey").asText();
    assertEquals(40, secret.length(), key.toString());
    Result attach = ok("iam", "policies", "attach", "cli-bob", "ReadOnlyAccess");
    assertTrue(attach.out().contains("policy/ReadOnlyAccess"), attach.out());
    JsonNode got = Json.mapper().readTree(ok("iam", "users", "get", "cli-bob", "--output", "json").out());
    assertTrue(got.path("attachedPolicies").get(0).asText().endsWith("policy/ReadOnlyAccess"), got.toString());
    JsonNode sim = Json.mapper().readTree(ok("iam", "simulate", "s3:PutObject", "arn:minicloud:s3:::cli-iam/x",
        "--user", "cli-bob", "--output", "json").out());
    assertEquals("implicitDeny", sim.path("decision").asText(), sim.toString());

    ok("configure", "--profile", "bob", "--endpoint", platform.endpoint(), "--access-key", keyId,
        "--secret-key", secret, "--region", "us-east-1");
    ok("--profile", "bob", "s3", "ls", "s3://cli-iam");
    Result denied = fails(1, "--profile", "bob", "s3", "cp", "-", "s3://cli-iam/bob.txt");
    assertTrue(denied.err().startsWith("error: AccessDenied: "), denied.toString());
    assertTrue(ok("iam", "access-keys", "ls", "cli-bob").out().contains(keyId));
    assertTrue(ok("iam", "policies", "ls").out().contains("ReadOnlyAccess"));

    ok("iam", "access-keys", "deactivate", "cli-bob", keyId);
    assertTrue(fails(1, "--profile", "bob", "s3", "ls", "s3://cli-iam").err().contains("InvalidAccessKeyId"));
    ok("iam", "users", "delete", "cli-bob");
    assertTrue(fails(1, "iam", "users", "get", "cli-bob").err().startsWith("error: NoSuchEntity: "));
  }

  @Test
  void iamGroupGrantsItsMembersItsPolicies() throws Exception {
    sdk.storage().createBucket("cli-groups");
    sdk.iam().createUser("cli-gina");
    var key = sdk.iam().createAccessKey("cli-gina");
    ok("configure", "--profile", "gina", "--endpoint", platform.endpoint(), "--access-key", key.accessKeyId(),
        "--secret-key", key.secretAccessKey(), "--region", "us-east-1");
    assertTrue(fails(1, "--profile", "gina", "s3", "ls", "s3://cli-groups").err().startsWith("error: AccessDenied: "));

    JsonNode group = Json.mapper().readTree(ok("iam", "groups", "create", "cli-readers", "--output", "json").out());
    assertTrue(group.path("arn").asText().endsWith(":group/cli-readers"), group.toString());
    assertTrue(ok("iam", "groups", "attach", "cli-readers", "ReadOnlyAccess").out().contains("policy/ReadOnlyAccess"));
    ok("iam", "groups", "add-user", "cli-readers", "cli-gina");
    ok("--profile", "gina", "s3", "ls", "s3://cli-groups");
    JsonNode got = Json.mapper().readTree(ok("iam", "groups", "get", "cli-readers", "--output", "json").out());
    assertEquals("cli-gina", got.path("users").get(0).path("userName").asText(), got.toString());
    assertTrue(ok("--output", "text", "iam", "groups", "for-user", "cli-gina").out().startsWith("cli-readers\t"));

    ok("iam", "groups", "put-policy", "cli-readers", "no-lists", "--document",
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":\"s3:ListBucket\","
            + "\"Resource\":\"*\"}]}");
    assertTrue(ok("iam", "groups", "policies", "cli-readers").out().contains("no-lists"));
    assertTrue(fails(1, "--profile", "gina", "s3", "ls", "s3://cli-groups").err().startsWith("error: AccessDenied: "));
    ok("iam", "groups", "delete-policy", "cli-readers", "no-lists");
    ok("--profile", "gina", "s3", "ls", "s3://cli-groups");

    assertTrue(fails(1, "iam", "groups", "delete", "cli-readers").err().startsWith("error: DeleteConflict: "));
    ok("iam", "groups", "remove-user", "cli-readers", "cli-gina");
    assertTrue(fails(1, "--profile", "gina", "s3", "ls", "s3://cli-groups").err().startsWith("error: AccessDenied: "));
    ok("iam", "groups", "detach", "cli-readers", "ReadOnlyAccess");
    ok("iam", "groups", "delete", "cli-readers");
    assertTrue(fails(1, "iam", "groups", "get", "cli-readers").err().startsWith("error: NoSuchEntity: "));
  }

  @Test
  void usageInvoiceBudgetAndAudit() throws Exception {
    sdk.storage().createBucket("cli-billed");
    sdk.storage().putObject("cli-billed", "a.txt", "billed".getBytes(StandardCharsets.UTF_8));
    Poll.until(Duration.ofSeconds(15), "tier-1 requests metered", () -> !sdk.billing()
        .usage(new dev.minicloud.sdk.billing.UsageQuery().meter("requests.tier1")).isEmpty());

    JsonNode usage = Json.mapper().readTree(ok("usage", "--granularity", "month", "--output", "json").out());
    assertTrue(usage.isArray() && usage.size() > 0, usage.toString());
    assertTrue(ok("usage").out().lines().anyMatch(l -> l.contains("requests.tier1")));
    assertTrue(ok("usage", "--csv", "--meter", "requests.tier1").out().startsWith("accountId,meter,unit,start,end,quantity"));
    assertTrue(fails(2, "usage", "--from", "yesterday").err().contains("--from"));

    String month = java.time.YearMonth.now(java.time.Clock.systemUTC()).toString();
    Result invoice = ok("invoice");
    assertTrue(invoice.out().startsWith("Invoice " + month + " for account "), invoice.out());
    assertTrue(invoice.out().contains("requests.tier1") && invoice.out().contains("AMOUNT DUE"), invoice.out());
    assertEquals(month, Json.mapper().readTree(ok("invoice", month, "--output", "json").out()).path("month").asText());
    assertTrue(fails(2, "invoice", "2026-13").err().contains("yyyy-mm"));

    assertTrue(fails(1, "budget").err().contains("no budget set"));
    ok("budget", "set", "12.50");
    JsonNode budget = Json.mapper().readTree(ok("budget", "--output", "json").out());
    assertEquals("ok", budget.path("state").asText(), budget.toString());
    assertEquals(0, new java.math.BigDecimal("12.50").compareTo(budget.path("monthlyLimit").decimalValue()));
    ok("budget", "delete");
    assertTrue(fails(1, "budget").err().contains("no budget set"));

    JsonNode puts = Json.mapper().readTree(ok("audit", "--action", "s3:PutObject", "--output", "json").out());
    assertTrue(puts.size() >= 1 && "s3:PutObject".equals(puts.get(0).path("action").asText()), puts.toString());
    assertEquals(1, Json.mapper().readTree(ok("audit", "events", "--max-items", "1", "--output", "json").out()).size());
    assertTrue(ok("audit", "verify").out().contains("intact"));
  }
}
