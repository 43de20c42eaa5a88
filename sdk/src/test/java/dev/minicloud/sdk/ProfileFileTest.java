package dev.minicloud.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileFileTest {

  @TempDir
  Path dir;

  @Test
  void roundTripsProfilesWithOwnerOnlyMode() throws Exception {
    Path file = dir.resolve("sub/config");
    ProfileFile.empty()
        .with(new Profile("default", Map.of(Profile.ENDPOINT, "http://127.0.0.1:9000", Profile.ACCESS_KEY_ID, "AK",
            Profile.SECRET_ACCESS_KEY, "s3cr=t")))
        .with(new Profile("other", Map.of(Profile.REGION, "eu-west-1")))
        .save(file);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

    ProfileFile read = ProfileFile.load(file);
    assertEquals("s3cr=t", read.profile("default").orElseThrow().get(Profile.SECRET_ACCESS_KEY).orElseThrow());
    assertEquals("eu-west-1", read.profile("other").orElseThrow().get(Profile.REGION).orElseThrow());
    assertTrue(ProfileFile.load(dir.resolve("missing")).profiles().isEmpty());
  }

  @Test
  void readsAwsStyleSectionsAndComments() {
    ProfileFile f = ProfileFile.parse("# comment\n[profile dev]\n; another\nendpoint=http://x:1\n\n[default]\nregion = r\n");
    assertEquals("http://x:1", f.profile("dev").orElseThrow().get(Profile.ENDPOINT).orElseThrow());
    assertEquals("r", f.profile("default").orElseThrow().get(Profile.REGION).orElseThrow());
  }

  @Test
  void credentialsComeFromTheNamedProfile() throws Exception {
    Path file = dir.resolve("config");
    ProfileFile.empty().with(new Profile("p", Map.of(Profile.ACCESS_KEY_ID, "AKP", Profile.SECRET_ACCESS_KEY, "sp")))
        .save(file);
    assertEquals("AKP", CredentialsProvider.profile(file, "p").resolve().orElseThrow().accessKeyId());
    assertTrue(CredentialsProvider.profile(file, "absent").resolve().isEmpty());

    try (MiniCloudClient client = MiniCloudClient.builder().profileFile(file).profile("p")
        .endpoint("http://127.0.0.1:1").build()) {
      assertEquals("us-east-1", client.region());
    }
  }
}
