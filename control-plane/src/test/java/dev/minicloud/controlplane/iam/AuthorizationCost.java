package dev.minicloud.controlplane.iam;

import dev.minicloud.controlplane.iam.policy.AccessRequest;
import dev.minicloud.controlplane.iam.policy.Decision;
import dev.minicloud.controlplane.identity.IdentityStore;
import dev.minicloud.controlplane.identity.Principal;
import dev.minicloud.controlplane.identity.SecretCipher;
import dev.minicloud.controlplane.metadata.rocksdb.RocksMetadataStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The authorization step of a small GET alone, in process, timed: the condition keys of the
 * request, the caller's identity policies (its user record, its groups, their attached policies,
 * all through the caches a running control plane uses, over a real RocksDB store) and the
 * evaluation. Run by {@code bench/authz-step.sh}; not a test (no assertions beyond a sanity check
 * of the decisions; Surefire runs only {@code *Test} classes).
 *
 * <p>Callers: an account root (no policies to gather; on the real S3 path the dispatch skips the
 * engine for it altogether), a user with ReadOnlyAccess attached directly, and a user with no
 * policy of its own in a group with ReadOnlyAccess attached.
 */
public final class AuthorizationCost {

  private static final String ACCOUNT = "111122223333";
  private static final String READ_ONLY = "arn:aws:iam::aws:policy/ReadOnlyAccess";

  private AuthorizationCost() {}

  public static void main(String[] args) throws IOException {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int calls = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    Path dir = Files.createTempDirectory("authz-cost");
    try (RocksMetadataStore store = RocksMetadataStore.open(dir.resolve("metadata"))) {
      IdentityStore identity = new IdentityStore(store, SecretCipher.loadOrCreate(dir.resolve("master.key")));
      UserStore users = new UserStore(store, identity);
      Authorizer authorizer = new Authorizer(users, Clock.systemUTC());
      Instant now = Instant.now();
      users.createUser(ACCOUNT, "direct", now);
      users.attach(ACCOUNT, "direct", READ_ONLY);
      users.createUser(ACCOUNT, "grouped", now);
      users.groups().createGroup(ACCOUNT, "readers", now);
      users.groups().attach(ACCOUNT, "readers", READ_ONLY);
      users.groups().addUser(ACCOUNT, "readers", "grouped");
      Map<String, Principal> callers = new java.util.LinkedHashMap<>();
      callers.put("account root", new Principal(ACCOUNT, Principal.ROOT_USER, "AKIAROOTROOTROOTROOT", false));
      callers.put("user, ReadOnlyAccess attached", new Principal(ACCOUNT, "direct", "AKIADIRECTDIRECTDIRE", false));
      callers.put("user, ReadOnlyAccess via group", new Principal(ACCOUNT, "grouped", "AKIAGROUPEDGROUPEDGR", false));

      System.out.printf("%d rounds x %d calls per caller, interleaved; ns per authorization: min and median of the"
          + " rounds (the least disturbed round is the best estimate on a shared machine), then each round%n",
          rounds, calls);
      for (Map.Entry<String, Principal> caller : callers.entrySet()) {
        if (decide(authorizer, caller.getValue(), 0) != Decision.ALLOW) {
          throw new IllegalStateException(caller.getKey() + " is not allowed: the benchmark is set up wrong");
        }
      }
      Map<String, double[]> results = new java.util.LinkedHashMap<>();
      callers.keySet().forEach(k -> results.put(k, new double[rounds]));
      for (int round = 0; round < rounds; round++) {
        for (Map.Entry<String, Principal> caller : callers.entrySet()) {
          long t0 = System.nanoTime();
          int allowed = 0;
          for (int i = 0; i < calls; i++) {
            if (decide(authorizer, caller.getValue(), i) == Decision.ALLOW) {
              allowed++;
            }
          }
          long elapsed = System.nanoTime() - t0;
          if (allowed != calls) {
            throw new IllegalStateException(caller.getKey() + ": " + (calls - allowed) + " calls not allowed");
          }
          results.get(caller.getKey())[round] = (double) elapsed / calls;
        }
      }
      for (Map.Entry<String, double[]> r : results.entrySet()) {
        double[] sorted = r.getValue().clone();
        java.util.Arrays.sort(sorted);
        StringBuilder each = new StringBuilder();
        for (double v : r.getValue()) {
          each.append(each.length() == 0 ? "" : " ").append(Math.round(v));
        }
        System.out.printf("%-32s min %6d ns, median %6d ns   (%s)%n", r.getKey(), Math.round(sorted[0]),
            Math.round(sorted[sorted.length / 2]), each);
      }
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** One GET's authorization: its condition keys (as Authorizer.globalContext builds them) and the decision. */
  private static Decision decide(Authorizer authorizer, Principal caller, int i) {
    Map<String, List<String>> keys = new HashMap<>(AccessRequest.principalKeys(caller));
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    keys.put("aws:CurrentTime", List.of(now.toString()));
    keys.put("aws:EpochTime", List.of(Long.toString(now.getEpochSecond())));
    keys.put("aws:SecureTransport", List.of("false"));
    keys.put("aws:SourceIp", List.of("127.0.0.1"));
    keys.put("aws:UserAgent", List.of("aws-sdk-java/2.40.2"));
    String key = "small-" + (i & 1023);
    return authorizer.evaluate(new AccessRequest(caller, "s3:GetObject", "arn:minicloud:s3:::bench-get/" + key,
        ACCOUNT, keys), null).decision();
  }
}
