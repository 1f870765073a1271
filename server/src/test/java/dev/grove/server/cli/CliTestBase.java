package dev.grove.server.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** A temporary directory to work in, and {@code grove} runs in it. */
abstract class CliTestBase {
  @TempDir
  Path dir;

  /** Runs {@code grove ARGS} in the temporary directory. */
  GroveRun grove(String... args) {
    return GroveRun.run(dir, new byte[0], args);
  }

  /** Runs {@code grove ARGS} with {@code stdin} as standard input. */
  GroveRun groveWithInput(byte[] stdin, String... args) {
    return GroveRun.run(dir, stdin, args);
  }

  /** Runs {@code grove --repo REPO ARGS}. */
  GroveRun in(Path repo, String... args) {
    List<String> all = new ArrayList<>(List.of("--repo", repo.toString()));
    all.addAll(List.of(args));
    return grove(all.toArray(new String[0]));
  }

  /** A new store of {@code kind} ({@code git} or {@code fs}) in the temporary directory. */
  Path store(String kind) {
    Path repo = dir.resolve(kind + "-store");
    grove("init", "--backend", kind, repo.toString()).ok();
    return repo;
  }

  static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
