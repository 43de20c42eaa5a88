package dev.minicloud.sdk;

import dev.minicloud.common.sigv4.SigningCredentials;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where a client's access key comes from. {@link #defaultChain(String)} is what the builder uses
 * when no credentials are given: environment variables first, then the profile file.
 */
@FunctionalInterface
public interface CredentialsProvider {

  /** Env var: access key id (MiniCloud's name, checked first). */
  String ENV_ACCESS_KEY_ID = "MINICLOUD_ACCESS_KEY_ID";
  /** Env var: secret access key (MiniCloud's name, checked first). */
  String ENV_SECRET_ACCESS_KEY = "MINICLOUD_SECRET_ACCESS_KEY";
  /** Env var: access key id (the AWS tools' name). */
  String AWS_ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
  /** Env var: secret access key (the AWS tools' name). */
  String AWS_SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";

  /** The credentials, or empty when this source has none. */
  Optional<SigningCredentials> resolve();

  /** Fixed credentials. */
  static CredentialsProvider of(String accessKeyId, String secretAccessKey) {
    SigningCredentials credentials = new SigningCredentials(accessKeyId, secretAccessKey);
    return () -> Optional.of(credentials);
  }

  /**
   * {@code MINICLOUD_ACCESS_KEY_ID} / {@code MINICLOUD_SECRET_ACCESS_KEY}, else
   * {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}.
   */
  static CredentialsProvider environment() {
    return () -> {
      for (String[] names : new String[][] {
          {ENV_ACCESS_KEY_ID, ENV_SECRET_ACCESS_KEY}, {AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY}}) {
        String id = System.getenv(names[0]);
        String secret = System.getenv(names[1]);
        if (id != null && !id.isBlank() && secret != null && !secret.isBlank()) {
          return Optional.of(new SigningCredentials(id, secret));
        }
      }
      return Optional.empty();
    };
  }

  /** The access key of one profile of a profile file. */
  static CredentialsProvider profile(Path file, String profileName) {
    return () -> ProfileFile.load(file).profile(profileName).flatMap(p -> {
      Optional<String> id = p.get(Profile.ACCESS_KEY_ID);
      Optional<String> secret = p.get(Profile.SECRET_ACCESS_KEY);
      return id.isPresent() && secret.isPresent()
          ? Optional.of(new SigningCredentials(id.get(), secret.get())) : Optional.empty();
    });
  }

  /** Environment variables, then the named profile of {@link ProfileFile#defaultLocation()}. */
  static CredentialsProvider defaultChain(String profileName) {
    CredentialsProvider env = environment();
    CredentialsProvider profile = profile(ProfileFile.defaultLocation(), profileName);
    return () -> env.resolve().or(profile::resolve);
  }
}
