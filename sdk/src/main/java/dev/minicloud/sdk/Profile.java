package dev.minicloud.sdk;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One named section of the profile file ({@link ProfileFile}): endpoint, region and access key,
 * plus any other {@code key = value} settings (the CLI keeps {@code output} there).
 *
 * @param name the profile name ({@code default} unless chosen)
 * @param settings every setting of the section, in file order
 */
public record Profile(String name, Map<String, String> settings) {

  /** Setting: the endpoint URL, e.g. {@code http://127.0.0.1:9000}. */
  public static final String ENDPOINT = "endpoint";
  /** Setting: the signing region. */
  public static final String REGION = "region";
  /** Setting: the access key id. */
  public static final String ACCESS_KEY_ID = "access_key_id";
  /** Setting: the secret access key. */
  public static final String SECRET_ACCESS_KEY = "secret_access_key";
  /** Setting: the CLI's default output format ({@code table}, {@code json}, {@code text}). */
  public static final String OUTPUT = "output";

  /** A profile; the settings are copied. */
  public Profile {
    Objects.requireNonNull(name, "name");
    settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
  }

  /** The value of one setting, if present and not blank. */
  public Optional<String> get(String key) {
    String value = settings.get(key);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /** A copy with {@code key} set to {@code value} (removed when value is null). */
  public Profile with(String key, String value) {
    Map<String, String> copy = new LinkedHashMap<>(settings);
    if (value == null) {
      copy.remove(key);
    } else {
      copy.put(key, value);
    }
    return new Profile(name, copy);
  }

  @Override
  public String toString() {
    return "Profile[" + name + ", keys=" + settings.keySet() + "]"; // never the secret
  }
}
