package dev.minicloud.dist;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dev.minicloud.common.testing.Poll;

/**
 * A {@code minicloud} process started from the packaged distribution ({@code target/minicloud.jar}
 * and {@code target/lib}), exactly what {@code ./minicloud} runs. Its output is captured line by line.
 */
final class DistProcess implements AutoCloseable {

  private final Process process;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final String name;

  private DistProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    Thread pump = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("[output closed: " + e.getMessage() + "]");
      }
    }, "output-" + name);
    pump.setDaemon(true);
    pump.start();
  }

  static DistProcess start(String name, String... args) {
    Path jar = Path.of("target", "minicloud.jar");
    Path lib = Path.of("target", "lib");
    if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
      throw new AssertionError("the packaged distribution is missing (" + jar.toAbsolutePath() + "); run mvn package");
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m",
        "-cp", jar + File.pathSeparator + lib + File.separator + "*",
        "dev.minicloud.dist.Main"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      return new DistProcess(name, process);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for an output line matching {@code pattern} and returns its first group. */
  String awaitLine(Pattern pattern, Duration deadline) {
    String[] found = new String[1];
    Poll.until(deadline, name + " to print " + pattern + "; output so far:\n" + String.join("\n", lines), () -> {
      if (!process.isAlive() && found[0] == null) {
        for (String line : lines) {
          Matcher m = pattern.matcher(line);
          if (m.find()) {
            found[0] = m.groupCount() > 0 ? m.group(1) : line;
            return true;
          }
        }
        throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + String.join("\n", lines));
      }
      for (String line : lines) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          found[0] = m.groupCount() > 0 ? m.group(1) : line;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  List<String> output() {
    return List.copyOf(lines);
  }

  /** SIGKILL: no shutdown hooks, no goodbye to the control plane. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** SIGTERM, then waits for the exit code. */
  int stop(Duration deadline) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(name + " did not stop within " + deadline);
    }
    return process.exitValue();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
