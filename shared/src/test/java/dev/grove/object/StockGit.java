package dev.grove.object;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the machine's stock {@code git} in one repository, for comparisons with Grove. */
final class StockGit {
  private final File dir;

  StockGit(File dir) throws Exception {
    this.dir = dir;
    run(new byte[0], Map.of(), "init", "-q", "-b", "main");
  }

  /** Runs {@code git args…} with {@code stdin}; returns stdout; fails on a non-zero exit. */
  byte[] run(byte[] stdin, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir);
    builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    builder.environment().put("HOME", dir.getAbsolutePath());
    builder.environment().putAll(env);
    Process process = builder.start();
    try (OutputStream in = process.getOutputStream()) {
      in.write(stdin);
    }
    byte[] out = readAll(process.getInputStream());
    String err = new String(readAll(process.getErrorStream()), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new AssertionError("git " + String.join(" ", args) + " failed: " + err);
    }
    return out;
  }

  /** Runs git and returns its stdout as trimmed text. */
  String text(byte[] stdin, Map<String, String> env, String... args) throws Exception {
    return new String(run(stdin, env, args), StandardCharsets.UTF_8).trim();
  }

  String text(String... args) throws Exception {
    return text(new byte[0], Map.of(), args);
  }

  private static byte[] readAll(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toByteArray();
  }
}
