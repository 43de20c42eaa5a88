package dev.minicloud.controlplane.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.minicloud.common.id.Ids;
import dev.minicloud.controlplane.metadata.InMemoryMetadataStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootBootstrapTest {

  private static final Pattern CREDENTIALS = Pattern.compile(
      "\\[default]\naws_access_key_id = (AKIA[A-Z2-7]{16})\naws_secret_access_key = ([A-Za-z0-9+/]{40})\n");

  @TempDir
  Path data;

  @Test
  void createsRootOnceWritesAwsCredentialsFileAndPrintsOnce() throws Exception {
    var store = new InMemoryMetadataStore();
    var identity = new IdentityStore(store, SecretCipher.loadOrCreate(data.resolve("master.key")));
    var bootstrap = new RootBootstrap(identity, new Ids(), Clock.systemUTC());
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    String accountId = bootstrap.ensureRoot(data, new PrintStream(first, true, StandardCharsets.UTF_8));

    Path file = data.resolve(RootBootstrap.CREDENTIALS_FILE);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    Matcher m = CREDENTIALS.matcher(Files.readString(file));
    assertTrue(m.matches(), "AWS shared-credentials format");
    assertTrue(first.toString(StandardCharsets.UTF_8).contains(m.group(2)), "secret printed on first start");
    assertTrue(accountId.matches("[1-9][0-9]{11}"));

    var key = identity.activeKey(m.group(1)).orElseThrow();
    assertEquals(m.group(2), key.secretAccessKey());
    assertTrue(key.principal().platformRoot());
    assertTrue(key.principal().isAccountRoot());
    assertEquals("arn:minicloud:iam::" + accountId + ":root", key.principal().arn());

    ByteArrayOutputStream second = new ByteArrayOutputStream();
    assertEquals(accountId, bootstrap.ensureRoot(data, new PrintStream(second, true, StandardCharsets.UTF_8)));
    assertEquals("", second.toString(StandardCharsets.UTF_8), "never printed again");
  }

  @Test
  void unknownKeysAreNotActive() {
    var identity = new IdentityStore(new InMemoryMetadataStore(), SecretCipher.loadOrCreate(data.resolve("k")));
    assertTrue(identity.activeKey("AKIAAAAAAAAAAAAAAAAA").isEmpty());
  }
}
