package dev.grove.server.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code grove serve} in its own JVM (this JVM's class path, the JVM's default heap and
 * collector, as {@code ./grove serve} runs it), for benchmarks that measure the server's memory
 * apart from its clients': the resident set from {@code /proc/PID/status} and the heap after a
 * full collection through {@code jcmd}.
 */
final class ServerProcess implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("on (http://\\S+)");
  private static final Pattern TOKEN = Pattern.compile("#token=(\\S+)");
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  private final Process process;
  private final String url;
  private final String token;

  private ServerProcess(Process process, String url, String token) {
    this.process = process;
    this.url = url;
    this.token = token;
  }

  /**
   * Starts {@code grove serve --port 0} on an empty {@code data} directory with the given backend
   * (the server's default durability: fsync) and waits for its URL and first write token.
   */
  static ServerProcess start(Path data, String backend, List<String> jvmOptions, Path log) throws IOException {
    Files.createDirectories(data);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.grove.server.cli.Main");
    command.addAll(List.of("serve", "--data", data.toString(), "--port", "0", "--backend", backend));
    Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String url = null;
    String token = null;
    for (String line; (url == null || token == null) && (line = out.readLine()) != null; ) {
      Matcher serving = SERVING.matcher(line);
      if (url == null && line.startsWith("Grove is serving") && serving.find()) {
        url = serving.group(1);
      }
      Matcher first = TOKEN.matcher(line);
      if (first.find()) {
        token = first.group(1);
      }
    }
    if (url == null || token == null) {
      process.destroyForcibly();
      throw new IllegalStateException("grove serve did not print its URL and token (log: " + log + ")");
    }
    Thread drain = new Thread(() -> {
      try {
        out.transferTo(java.io.Writer.nullWriter());
      } catch (IOException ignored) {
        // the server stopped
      }
    }, "grove-serve-stdout");
    drain.setDaemon(true);
    drain.start();
    return new ServerProcess(process, url, token);
  }

  String repositoryUrl(String name) {
    return url + "/repos/" + name;
  }

  String token() {
    return token;
  }

  long pid() {
    return process.pid();
  }

  /** A line of {@code /proc/PID/status} in kB: VmRSS (resident now) or VmHWM (the peak). */
  long statusKb(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").trim());
      }
    }
    throw new IllegalStateException("no " + field + " in /proc/" + pid() + "/status");
  }

  /** Runs a full collection in the server ({@code jcmd PID GC.run}), then returns its heap used in kB. */
  long heapUsedAfterGcKb() throws IOException {
    jcmd("GC.run");
    Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
    if (!used.find()) {
      throw new IllegalStateException("jcmd GC.heap_info printed no heap used");
    }
    return Long.parseLong(used.group(1));
  }

  private String jcmd(String what) throws IOException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process run = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), what).redirectErrorStream(true).start();
    String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (run.waitFor() != 0) {
        throw new IllegalStateException("jcmd " + what + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return output;
  }

  /** Stops the server as Ctrl-C does (SIGTERM: graceful), forcibly after 30 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
