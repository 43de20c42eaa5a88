package dev.minicloud.common.cluster;

import dev.minicloud.common.io.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shared secret that joins storage nodes and compute agents to a control plane. Every call on a
 * node's {@code /internal/v1/} API and every registration/heartbeat call to the control plane carries
 * it in the {@value #HEADER} header.
 *
 * <p>The value never appears in {@link #toString()} and must never be logged.
 */
public final class ClusterToken {

  /** The HTTP header carrying the token, in both directions. */
  public static final String HEADER = "x-minicloud-cluster-token";

  /** Random bytes in a generated token (256 bits). */
  public static final int GENERATED_BYTES = 32;

  private static final Logger LOG = LoggerFactory.getLogger(ClusterToken.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final String value;

  private ClusterToken(String value) {
    this.value = value;
  }

  /** Wraps a token value; it must not be blank (a blank token would let anyone in). */
  public static ClusterToken of(String value) {
    Objects.requireNonNull(value, "value");
    String trimmed = value.trim();
    if (trimmed.isEmpty()) {
      throw new IllegalArgumentException("cluster token must not be blank");
    }
    return new ClusterToken(trimmed);
  }

  /** A new random token: {@value #GENERATED_BYTES} bytes, URL-safe base64 without padding. */
  public static ClusterToken generate() {
    byte[] bytes = new byte[GENERATED_BYTES];
    RANDOM.nextBytes(bytes);
    return new ClusterToken(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
  }

  /**
   * Reads a token from {@code file} (surrounding whitespace and the trailing newline are dropped).
   * Logs a warning, without the value, when the file is readable by group or others.
   *
   * @throws UncheckedIOException when the file cannot be read
   * @throws IllegalArgumentException when the file is blank
   */
  public static ClusterToken load(Path file) {
    String content;
    try {
      content = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read cluster token file " + file, e);
    }
    if (content.isBlank()) {
      throw new IllegalArgumentException("cluster token file " + file + " is empty");
    }
    warnIfShared(file);
    return new ClusterToken(content.trim());
  }

  /**
   * Generates a new token and writes it to {@code file}, which is created with mode 0600 from the
   * start (never readable by others, not even briefly).
   *
   * @throws IllegalStateException when {@code file} already exists (an existing token is never replaced)
   */
  public static ClusterToken generateTo(Path file) {
    ClusterToken token = generate();
    if (!SecureFiles.createOwnerOnly(file, (token.value + "\n").getBytes(StandardCharsets.UTF_8))) {
      throw new IllegalStateException("cluster token file already exists: " + file,
          new FileAlreadyExistsException(file.toString()));
    }
    return token;
  }

  /** Loads the token in {@code file}, or generates one there (mode 0600) when the file does not exist. */
  public static ClusterToken loadOrGenerate(Path file) {
    ClusterToken token = generate();
    if (SecureFiles.createOwnerOnly(file, (token.value + "\n").getBytes(StandardCharsets.UTF_8))) {
      LOG.info("Generated a new cluster token in {}", file);
      return token;
    }
    return load(file);
  }

  /**
   * Compares a presented token with the expected one in time that does not depend on where they
   * differ. Null-safe: a null or empty {@code expected} matches nothing, a null {@code presented}
   * never matches.
   */
  public static boolean matches(String expected, String presented) {
    if (expected == null || expected.isEmpty() || presented == null) {
      return false;
    }
    // MessageDigest.isEqual runs in time depending on the first argument's length only.
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        presented.getBytes(StandardCharsets.UTF_8));
  }

  /** Whether {@code presented} (e.g. a request header value, possibly null) is this token. */
  public boolean matches(String presented) {
    return matches(value, presented);
  }

  /** The secret value, for putting in the {@value #HEADER} header. Never log it. */
  public String value() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClusterToken other && matches(value, other.value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  /** Never the value. */
  @Override
  public String toString() {
    return "ClusterToken[redacted]";
  }

  private static void warnIfShared(Path file) {
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
        LOG.warn("Cluster token file {} is readable by other users; restrict it with chmod 600", file);
      }
    } catch (UnsupportedOperationException | IOException e) {
      LOG.debug("Cannot check the permissions of {}", file, e);
    }
  }
}
