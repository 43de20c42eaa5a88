package dev.minicloud.controlplane.identity;

import dev.minicloud.common.id.Ids;
import dev.minicloud.common.io.SecureFiles;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

/**
 * First start: creates the platform's root account and root access key, writes them once to
 * {@code <data>/root-credentials} (mode 0600, AWS shared-credentials format, so
 * {@code AWS_SHARED_CREDENTIALS_FILE=<data>/root-credentials aws ...} works) and prints them once.
 * They never go to a log.
 */
public final class RootBootstrap {

  public static final String CREDENTIALS_FILE = "root-credentials";

  private final IdentityStore identity;
  private final Ids ids;
  private final Clock clock;

  public RootBootstrap(IdentityStore identity, Ids ids, Clock clock) {
    this.identity = identity;
    this.ids = ids;
    this.clock = clock;
  }

  /**
   * Ensures the root account exists.
   *
   * @return the root account id
   */
  public String ensureRoot(Path dataDir, PrintStream console) {
    var existing = identity.rootAccountId();
    if (existing.isPresent()) {
      return existing.get();
    }
    String accountId = ids.accountId();
    String keyId = ids.accessKeyId();
    String secret = ids.secretAccessKey();
    Path file = dataDir.resolve(CREDENTIALS_FILE);
    // File first, then the commit: a crash in between leaves no root in the database, so the next
    // start generates a fresh key and overwrites the file; the reverse order could lose the secret.
    SecureFiles.writeOwnerOnly(file, credentialsFile(keyId, secret).getBytes(StandardCharsets.UTF_8));
    identity.createRootAccount(new AccountRecord(accountId, "root", AccountRecord.Status.ACTIVE, true,
        clock.instant()), keyId, secret);
    console.println("""
        Root credentials created (shown only this once; saved to %s, mode 0600):
          account id:        %s
          access key id:     %s
          secret access key: %s
          use them with:     AWS_SHARED_CREDENTIALS_FILE=%s aws --endpoint-url <endpoint> ...
        """.formatted(file, accountId, keyId, secret, file));
    return accountId;
  }

  static String credentialsFile(String keyId, String secret) {
    return "[default]\naws_access_key_id = " + keyId + "\naws_secret_access_key = " + secret + "\n";
  }
}
