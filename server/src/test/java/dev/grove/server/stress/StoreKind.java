package dev.grove.server.stress;

import dev.grove.backend.Backend;
import dev.grove.server.fs.FsBackend;
import dev.grove.server.git.GitBackend;
import dev.grove.server.storage.Durability;
import java.nio.file.Path;

/** The server-side backends the stress and crash tests run on, by the name a child JVM is given. */
enum StoreKind {
  FS {
    @Override
    Backend init(Path dir) {
      return FsBackend.init(dir, DURABILITY);
    }

    @Override
    Backend open(Path dir) {
      return FsBackend.open(dir, DURABILITY);
    }
  },
  GIT {
    @Override
    Backend init(Path dir) {
      return GitBackend.init(dir, DURABILITY);
    }

    @Override
    Backend open(Path dir) {
      return GitBackend.open(dir, DURABILITY);
    }
  };

  /** Production durability: every acknowledged write is fsynced (a SIGKILL would not need it). */
  static final Durability DURABILITY = Durability.FSYNC;

  /** Creates an empty store in {@code dir}. */
  abstract Backend init(Path dir);

  /** Opens the store in {@code dir}, as a restarted process would. */
  abstract Backend open(Path dir);
}
