package dev.minicloud.sdk;

import dev.minicloud.common.io.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The profile file shared by the CLI ({@code minicloud configure} writes it) and the SDK (which
 * reads it): {@code ~/.minicloud/config}, or the file named by {@code MINICLOUD_CONFIG_FILE}.
 * An INI file, one section per profile, written with mode 0600 because it holds secrets:
 *
 * <pre>
 * [default]
 * endpoint = http://127.0.0.1:9000
 * region = us-east-1
 * access_key_id = AKIA...
 * secret_access_key = ...
 * </pre>
 *
 * <p>Lines starting with {@code #} or {@code ;} are comments. Immutable.
 */
public final class ProfileFile {

  /** Environment variable naming the profile file (overrides {@code ~/.minicloud/config}). */
  public static final String CONFIG_FILE_ENV = "MINICLOUD_CONFIG_FILE";
  /** Environment variable naming the profile to use when none is given. */
  public static final String PROFILE_ENV = "MINICLOUD_PROFILE";
  /** The profile used when none is named. */
  public static final String DEFAULT_PROFILE = "default";

  private final Map<String, Profile> profiles;

  private ProfileFile(Map<String, Profile> profiles) {
    this.profiles = profiles;
  }

  /** An empty file. */
  public static ProfileFile empty() {
    return new ProfileFile(new LinkedHashMap<>());
  }

  /** Where the profile file is: {@code $MINICLOUD_CONFIG_FILE}, else {@code ~/.minicloud/config}. */
  public static Path defaultLocation() {
    String env = System.getenv(CONFIG_FILE_ENV);
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".minicloud", "config");
  }

  /** The profile name to use when none is given: {@code $MINICLOUD_PROFILE}, else {@code default}. */
  public static String defaultProfileName() {
    String env = System.getenv(PROFILE_ENV);
    return env == null || env.isBlank() ? DEFAULT_PROFILE : env;
  }

  /** Reads {@code file}; a missing file reads as empty. */
  public static ProfileFile load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read profile file " + file, e);
    }
  }

  /** Parses the INI text of a profile file. */
  public static ProfileFile parse(String text) {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> current = null;
    for (String raw : text.split("\r?\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        String name = line.substring(1, line.length() - 1).strip();
        if (name.startsWith("profile ")) {
          name = name.substring("profile ".length()).strip(); // aws-cli's spelling
        }
        current = sections.computeIfAbsent(name, n -> new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (eq > 0 && current != null) {
        current.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    Map<String, Profile> profiles = new LinkedHashMap<>();
    sections.forEach((name, settings) -> profiles.put(name, new Profile(name, settings)));
    return new ProfileFile(profiles);
  }

  /** The named profile, if the file has it. */
  public Optional<Profile> profile(String name) {
    return Optional.ofNullable(profiles.get(name));
  }

  /** Every profile, in file order. */
  public Map<String, Profile> profiles() {
    return Map.copyOf(profiles);
  }

  /** A copy with {@code profile} added or replaced. */
  public ProfileFile with(Profile profile) {
    Map<String, Profile> copy = new LinkedHashMap<>(profiles);
    copy.put(profile.name(), profile);
    return new ProfileFile(copy);
  }

  /** The file's text. */
  public String format() {
    StringBuilder sb = new StringBuilder();
    for (Profile p : profiles.values()) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      sb.append('[').append(p.name()).append("]\n");
      p.settings().forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
    }
    return sb.toString();
  }

  /** Writes the file atomically with mode 0600 (parent directories are created). */
  public void save(Path file) {
    SecureFiles.writeOwnerOnly(file, format().getBytes(StandardCharsets.UTF_8));
  }
}
