package dev.grove.server;

import dev.grove.conformance.BackendFactory;
import dev.grove.conformance.ConformanceTest;
import dev.grove.server.git.GitBackend;
import dev.grove.server.storage.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite on the git backend, with fsync. */
class GitConformanceTest extends ConformanceTest {
  @TempDir
  Path dir;

  @Override
  protected BackendFactory backends() {
    return () -> GitBackend.init(Files.createTempDirectory(dir, "repo"), Durability.FSYNC);
  }
}
