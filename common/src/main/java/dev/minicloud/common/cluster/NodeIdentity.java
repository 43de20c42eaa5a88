package dev.minicloud.common.cluster;

import dev.minicloud.common.id.Ids;
import dev.minicloud.common.io.SecureFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A node's stable id, kept in {@code <dataDir>/node-id} so a restarted node rejoins the control plane
 * under the same id. Created on first start as the kind's prefix + {@value #HEX_DIGITS} hex digits,
 * e.g. {@code sn-3f9a0c1b2d4e}.
 */
public final class NodeIdentity {

  /** The file, inside the data directory, that holds the id. */
  public static final String FILE_NAME = "node-id";

  /** Random hex digits after the prefix in a generated id. */
  public static final int HEX_DIGITS = 12;

  private static final Pattern VALID_ID = Pattern.compile("[a-z]{2}-[0-9a-f]{" + HEX_DIGITS + "}");

  private final String nodeId;
  private final NodeKind kind;

  private NodeIdentity(String nodeId, NodeKind kind) {
    this.nodeId = nodeId;
    this.kind = kind;
  }

  /**
   * Reads the id from {@code dataDir}, or creates the directory and a new id on first start.
   *
   * @throws IllegalStateException when the file holds something that is not an id of this kind
   *     (e.g. a storage node's data directory given to a compute agent)
   * @throws UncheckedIOException when the directory or file cannot be read or written
   */
  public static NodeIdentity loadOrCreate(Path dataDir, NodeKind kind) {
    return loadOrCreate(dataDir, kind, new Ids());
  }

  static NodeIdentity loadOrCreate(Path dataDir, NodeKind kind, Ids ids) {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(kind, "kind");
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
      return new NodeIdentity(read(file, kind), kind);
    } catch (NoSuchFileException e) {
      String created = ids.prefixed(kind.idPrefix(), HEX_DIGITS);
      // createOwnerOnly never replaces a file: if another process won the race, use its id.
      if (SecureFiles.createOwnerOnly(file, (created + "\n").getBytes(StandardCharsets.UTF_8))) {
        return new NodeIdentity(created, kind);
      }
      try {
        return new NodeIdentity(read(file, kind), kind);
      } catch (IOException again) {
        throw new UncheckedIOException("cannot read " + file, again);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read node id in " + file, e);
    }
  }

  private static String read(Path file, NodeKind kind) throws IOException {
    String id = Files.readString(file, StandardCharsets.UTF_8).trim();
    if (!VALID_ID.matcher(id).matches() || !id.startsWith(kind.idPrefix())) {
      throw new IllegalStateException(file + " does not hold a " + kind.wireName()
          + " node id (expected " + kind.idPrefix() + " followed by " + HEX_DIGITS + " hex digits)");
    }
    return id;
  }

  public String nodeId() {
    return nodeId;
  }

  public NodeKind kind() {
    return kind;
  }

  @Override
  public String toString() {
    return nodeId;
  }
}
