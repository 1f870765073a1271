package dev.grove.server;

import dev.grove.conformance.BackendFactory;
import dev.grove.conformance.ConformanceTest;
import dev.grove.server.fs.FsBackend;
import dev.grove.server.storage.Durability;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The conformance suite on the fs backend, with fsync. */
class FsConformanceTest extends ConformanceTest {
  @TempDir
  Path dir;

  @Override
  protected BackendFactory backends() {
    return () -> FsBackend.init(Files.createTempDirectory(dir, "store"), Durability.FSYNC);
  }
}
