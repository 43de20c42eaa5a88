package dev.minicloud.common.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterTokenTest {

  @TempDir
  Path dir;

  @Test
  void matchesOnlyTheExactToken() {
    assertTrue(ClusterToken.matches("s3cret-token", "s3cret-token"));
    assertFalse(ClusterToken.matches("s3cret-token", "s3cret-tokeN"));
    assertFalse(ClusterToken.matches("s3cret-token", "s3cret-token "));
    assertFalse(ClusterToken.matches("s3cret-token", "s3cret"), "a prefix is not the token");
    assertFalse(ClusterToken.matches("s3cret", "s3cret-token"), "a longer value is not the token");
    assertFalse(ClusterToken.matches("s3cret-token", ""));
    assertTrue(ClusterToken.matches("jeton-é", "jeton-é"), "compared as UTF-8 bytes");
  }

  @Test
  void nullOrEmptyNeverMatches() {
    assertFalse(ClusterToken.matches("s3cret-token", null));
    assertFalse(ClusterToken.matches(null, "s3cret-token"));
    assertFalse(ClusterToken.matches(null, null));
    assertFalse(ClusterToken.matches("", ""), "an empty expected token must not open the door");
  }

  @Test
  void instanceMatchesAndNeverPrintsItsValue() {
    ClusterToken token = ClusterToken.of("  s3cret-token\n");
    assertEquals("s3cret-token", token.value());
    assertTrue(token.matches("s3cret-token"));
    assertFalse(token.matches(null));
    assertFalse(token.toString().contains("s3cret"));
    assertThrows(IllegalArgumentException.class, () -> ClusterToken.of("  \n"));
  }

  @Test
  void generatesUrlSafeRandomTokensOf32Bytes() {
    ClusterToken a = ClusterToken.generate();
    ClusterToken b = ClusterToken.generate();
    assertNotEquals(a, b);
    assertEquals(43, a.value().length(), "32 bytes in unpadded base64");
    assertTrue(a.value().matches("[A-Za-z0-9_-]{43}"), a.value());
  }

  @Test
  void generatedFileIsOwnerOnlyAndRoundTrips() throws Exception {
    Path file = dir.resolve("conf").resolve("cluster-token");
    ClusterToken written = ClusterToken.generateTo(file);

    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(written, ClusterToken.load(file));
    assertTrue(ClusterToken.load(file).matches(written.value()));
  }

  @Test
  void generateNeverReplacesAnExistingToken() {
    Path file = dir.resolve("cluster-token");
    ClusterToken first = ClusterToken.generateTo(file);
    assertThrows(IllegalStateException.class, () -> ClusterToken.generateTo(file));
    assertEquals(first, ClusterToken.load(file));
  }

  @Test
  void loadOrGenerateCreatesOnceThenLoads() throws Exception {
    Path file = dir.resolve("cluster-token");
    ClusterToken created = ClusterToken.loadOrGenerate(file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(created, ClusterToken.loadOrGenerate(file));
  }

  @Test
  void loadTrimsAndRejectsBlankFiles() throws Exception {
    Path file = dir.resolve("token");
    Files.writeString(file, "  abc-123 \n\n");
    assertEquals("abc-123", ClusterToken.load(file).value());

    Files.writeString(file, " \n");
    assertThrows(IllegalArgumentException.class, () -> ClusterToken.load(file));
    assertThrows(java.io.UncheckedIOException.class, () -> ClusterToken.load(dir.resolve("missing")));
  }
}
