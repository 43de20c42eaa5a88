package dev.minicloud.storagenode.blob;

import dev.minicloud.common.error.ApiException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where blob bytes live on disk, and the only class that knows it:
 *
 * <pre>
 * &lt;root&gt;/tmp/&lt;blobId&gt;.&lt;random&gt;.tmp   being written; deleted on start (crash debris)
 * &lt;root&gt;/&lt;first 2 chars of id&gt;/&lt;blobId&gt;  committed, immutable
 * </pre>
 *
 * A blob becomes visible only by {@link #commit}: the temp file is fsynced, renamed atomically into
 * place and its directory fsynced, so after a crash a blob is either whole or absent. Everything
 * here blocks; callers run it on worker threads. Thread-safe.
 */
public final class BlobFiles {

  private static final Logger LOG = LoggerFactory.getLogger(BlobFiles.class);

  /** Name of the temp directory: three characters, so it can never be a two-character prefix directory. */
  static final String TMP_DIR = "tmp";
  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]{2}");

  private final Path root;
  private final Path tmp;
  /** Ids with a write in progress (in this or another tier): the existence check and the rename cannot race. */
  private final WriteReservations writing;
  private final Object directoryLock = new Object();

  private BlobFiles(Path root, WriteReservations writing) {
    this.root = root;
    this.tmp = root.resolve(TMP_DIR);
    this.writing = writing;
  }

  /**
   * Opens the blob directory {@code root} (its parent must exist), creating it if needed, and deletes whatever a crash left
   * in its temp directory (uploads that never committed). Call before serving requests.
   */
  public static BlobFiles open(Path root) throws IOException {
    return open(root, new WriteReservations());
  }

  /** Like {@link #open(Path)}, with the write reservations shared with another blob tier. */
  public static BlobFiles open(Path root, WriteReservations writing) throws IOException {
    BlobFiles files = new BlobFiles(Objects.requireNonNull(root, "root").toAbsolutePath(),
        Objects.requireNonNull(writing, "writing"));
    files.createDirectory(files.root);
    files.createDirectory(files.tmp);
    int removed = files.deleteDebris();
    if (removed > 0) {
      LOG.info("Deleted {} unfinished upload(s) left in {}", removed, files.tmp);
    }
    return files;
  }

  public Path root() {
    return root;
  }

  /** The temp directory; empty whenever no upload is in progress. */
  public Path tmpDir() {
    return tmp;
  }

  /** The reservations this directory's writers take (one writer per id). */
  public WriteReservations reservations() {
    return writing;
  }

  /** Whether {@code blobId} is committed here. Blocking (one stat). */
  public boolean exists(String blobId) {
    return Files.exists(pathOf(blobId));
  }

  /** The committed file of {@code blobId}, whether or not it exists. */
  public Path pathOf(String blobId) {
    BlobIds.requireValid(blobId);
    return root.resolve(blobId.substring(0, 2)).resolve(blobId);
  }

  /**
   * Reserves {@code blobId} for one writer and names a fresh temp file for its bytes. The caller
   * must end with {@link #commit} or {@link #abort}, which release the reservation.
   *
   * @throws ApiException {@code 409 BlobExists} when the blob exists or another write of it is in progress
   */
  public Path beginWrite(String blobId) {
    Path target = pathOf(blobId);
    writing.reserve(blobId);
    if (Files.exists(target)) {
      writing.release(blobId);
      throw BlobErrorCode.blobExists(blobId);
    }
    return tmp.resolve(blobId + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
  }

  /**
   * Makes the written temp file the blob: checks its size, fsyncs it, renames it atomically into
   * place and fsyncs the directory. Only then has the blob been stored. On any failure the temp file
   * is deleted and nothing is visible.
   *
   * @param expectedSize the size the request announced, or null when it announced none
   * @return the blob's size
   * @throws ApiException {@code 400 IncompleteBody} when the size differs from {@code expectedSize}
   */
  public long commit(String blobId, Path temp, Long expectedSize) throws IOException {
    boolean committed = false;
    try {
      long size = Files.size(temp);
      if (expectedSize != null && size != expectedSize) {
        throw new ApiException(BlobErrorCode.INCOMPLETE_BODY,
            "Received " + size + " bytes; expected " + expectedSize + ". Nothing was stored.");
      }
      fsync(temp);
      Path target = pathOf(blobId);
      ensurePrefixDirectory(target.getParent());
      if (Files.exists(target)) { // only when something bypassed beginWrite; never replace a blob
        throw BlobErrorCode.blobExists(blobId);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      committed = true;
      fsyncDirectory(target.getParent());
      return size;
    } finally {
      if (!committed) {
        Files.deleteIfExists(temp);
      }
      writing.release(blobId);
    }
  }

  /** Abandons a write: deletes the temp file and releases the id. */
  public void abort(String blobId, Path temp) throws IOException {
    try {
      Files.deleteIfExists(temp);
    } finally {
      writing.release(blobId);
    }
  }

  /** @throws ApiException {@code 404 NoSuchBlob} */
  public OpenBlob.InFile open(String blobId) throws IOException {
    FileChannel channel;
    try {
      channel = FileChannel.open(pathOf(blobId), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      throw BlobErrorCode.noSuchBlob(blobId);
    }
    try {
      return new OpenBlob.InFile(channel, channel.size());
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Deletes a blob; true if it existed. Not followed by a directory fsync: a delete lost in a crash
   * leaves an orphan, which the control plane's collector finds and deletes again.
   */
  public boolean delete(String blobId) throws IOException {
    return Files.deleteIfExists(pathOf(blobId));
  }

  /**
   * Up to {@code limit} blobs with ids greater than {@code after} (null: from the start), in
   * ascending id order. Walks one prefix directory at a time, in order (a prefix is a blob id's
   * first two characters, so prefix order is id order), and stops once the page is full.
   */
  public BlobPage list(String after, int limit) throws IOException {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    // The prefix of `after` may still hold later ids, so prefixes compare inclusively, ids strictly.
    Predicate<String> prefixWanted = after == null ? p -> true : p -> p.compareTo(after.substring(0, 2)) >= 0;
    Predicate<String> idWanted = after == null ? id -> true : id -> id.compareTo(after) > 0;
    List<BlobInfo> page = new ArrayList<>(Math.min(limit, 1024) + 1);
    for (String prefix : sortedNames(root, PREFIX, prefixWanted)) {
      Path dir = root.resolve(prefix);
      for (String blobId : sortedNames(dir, BlobIds.PATTERN, idWanted)) {
        BasicFileAttributes attributes;
        try {
          attributes = Files.readAttributes(dir.resolve(blobId), BasicFileAttributes.class);
        } catch (NoSuchFileException deletedMeanwhile) {
          continue;
        }
        if (!attributes.isRegularFile()) {
          continue;
        }
        page.add(new BlobInfo(blobId, attributes.size(), attributes.lastModifiedTime().toInstant()));
        if (page.size() > limit) { // one more than asked: proves there is a next page
          page.remove(limit);
          return new BlobPage(page, page.get(limit - 1).blobId());
        }
      }
    }
    return new BlobPage(page, null);
  }

  /** The names in {@code dir} that match {@code pattern} and are wanted, sorted. */
  private static List<String> sortedNames(Path dir, Pattern pattern, Predicate<String> wanted) throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (pattern.matcher(name).matches() && wanted.test(name)) {
          names.add(name);
        }
      }
    } catch (NoSuchFileException e) {
      return List.of();
    }
    names.sort(null);
    return names;
  }

  /** Deletes everything in the temp directory; returns how many files. */
  int deleteDebris() throws IOException {
    int removed = 0;
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(tmp)) {
      for (Path entry : entries) {
        if (Files.deleteIfExists(entry)) {
          removed++;
        }
      }
    }
    return removed;
  }

  private void ensurePrefixDirectory(Path dir) throws IOException {
    // Under a lock: a second writer must not rename into a directory whose own entry is not yet durable.
    synchronized (directoryLock) {
      if (!Files.isDirectory(dir)) {
        createDirectory(dir);
      }
    }
  }

  /** Creates {@code dir} if missing and fsyncs its parent, so the new entry survives a crash. */
  private void createDirectory(Path dir) throws IOException {
    try {
      Files.createDirectory(dir);
    } catch (FileAlreadyExistsException e) {
      if (!Files.isDirectory(dir)) {
        throw e;
      }
      return;
    }
    fsyncDirectory(dir.getParent());
  }

  /** Forces a file's bytes and metadata to the device. */
  static void fsync(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  /** Forces a directory's entries to the device (opening a directory for reading works on Linux and macOS). */
  static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
