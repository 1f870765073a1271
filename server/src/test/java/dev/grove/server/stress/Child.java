package dev.grove.server.stress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM running {@link StressChild}, and the complete lines it printed so far, read by a
 * thread as soon as they arrive (a line cut short by a kill is not counted: its write was not
 * acknowledged). Standard error goes to a file, shown when something fails.
 */
final class Child implements AutoCloseable {
  private final Process process;
  private final Path stderr;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;
  private boolean eof;

  private Child(Process process, Path stderr) {
    this.process = process;
    this.stderr = stderr;
    this.reader = new Thread(this::readLines, "child-" + process.pid() + "-stdout");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code java -cp <this JVM's class path> StressChild args...}. */
  static Child start(Path stderr, String... args) throws IOException {
    String java = ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> command = new ArrayList<>(List.of(java,
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), StressChild.class.getName()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command)
        .redirectError(stderr.toFile())
        .start();
    return new Child(process, stderr);
  }

  long pid() {
    return process.pid();
  }

  private void readLines() {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try (InputStream in = process.getInputStream()) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            synchronized (this) {
              lines.add(text);
              notifyAll();
            }
          } else {
            line.write(buffer[i]);
          }
        }
      }
    } catch (IOException e) {
      // The stream closes when the process dies.
    } finally {
      synchronized (this) {
        eof = true;
        notifyAll();
      }
    }
  }

  /** The complete lines read so far. */
  synchronized List<String> lines() {
    return new ArrayList<>(lines);
  }

  /**
   * Waits until a line matching {@code what} was printed, at most {@code timeoutMillis}.
   *
   * @throws AssertionError when none came (the child died, or was too slow)
   */
  synchronized String awaitLine(Predicate<String> what, String description, long timeoutMillis)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (int seen = 0; ; ) {
      for (; seen < lines.size(); seen++) {
        if (what.test(lines.get(seen))) {
          return lines.get(seen);
        }
      }
      long left = deadline - System.nanoTime();
      if (eof || left <= 0) {
        throw new AssertionError("child " + pid() + " printed no " + description + " within "
            + timeoutMillis + " ms (" + (eof ? "it exited" : "still running") + ")" + errors());
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** Writes {@code line} to the child's standard input. */
  void send(String line) throws IOException {
    OutputStream in = process.getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /**
   * Kills the child with SIGKILL and waits until it is gone and all it printed is read.
   *
   * @return the exit status: 137 (128 + SIGKILL) when the kill hit it, 0 when it had finished
   */
  int kill() throws InterruptedException {
    // On Linux, Process.destroyForcibly() sends SIGKILL (ProcessImpl.destroy(true) ->
    // kill(pid, SIGKILL)): no shutdown hooks, no finally blocks, no flush. The exit status of
    // 128 + 9 that the caller checks proves it.
    process.destroyForcibly();
    return awaitExit(30_000);
  }

  /** Waits for the child to exit (at most {@code timeoutMillis}) and for its last lines. */
  int awaitExit(long timeoutMillis) throws InterruptedException {
    if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      process.waitFor();
      throw new AssertionError("child " + pid() + " did not exit within " + timeoutMillis
          + " ms; killed" + errors());
    }
    reader.join(30_000);
    return process.exitValue();
  }

  /** The child's standard error, for a failure message. */
  String errors() {
    try {
      String text = Files.exists(stderr) ? Files.readString(stderr) : "";
      return text.isBlank() ? "" : "\n--- stderr of child " + pid() + " ---\n" + text;
    } catch (IOException e) {
      return "\n(cannot read " + stderr + ": " + e + ")";
    }
  }

  /** Kills the child if it still runs. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
