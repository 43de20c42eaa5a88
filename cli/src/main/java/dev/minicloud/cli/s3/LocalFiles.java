package dev.minicloud.cli.s3;

import dev.minicloud.cli.UsageException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Local directory trees as relative paths with '/' separators, and safe targets for keys. */
final class LocalFiles {

  private LocalFiles() {}

  /** Every regular file under {@code dir}, keyed by its relative path with '/' separators. */
  static Map<String, Path> walk(Path dir) {
    Map<String, Path> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile).forEach(p -> files.put(relative(dir, p), p));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return files;
  }

  static String relative(Path dir, Path file) {
    return dir.relativize(file).toString().replace(File.separatorChar, '/');
  }

  /** {@code dir/relative}, refusing keys that would escape the directory (.., absolute). */
  static Path target(Path dir, String relative) {
    Path base = dir.toAbsolutePath().normalize();
    Path t = base.resolve(relative).normalize();
    if (!t.startsWith(base) || t.equals(base)) {
      throw new UsageException("refusing to write outside " + dir + ": " + relative);
    }
    return t;
  }
}
