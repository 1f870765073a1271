package dev.grove.server.git;

import dev.grove.server.storage.Durability;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Repository;

/**
 * Makes JGit fsync the files it writes: {@code core.fsyncObjectFiles} (each loose object before
 * its rename) and {@code core.fsyncRefFiles} (each ref's lock file before its rename). They are
 * set in the repository's configuration in memory only, never saved: stock Git 2.36+ warns on
 * every command about a saved {@code core.fsyncObjectFiles}. JGit reloads the configuration when
 * the file changes, which drops them, so they are set again before every write.
 */
final class GitFsync {
  private GitFsync() {}

  static void ensure(Repository repo, Durability durability) {
    if (durability != Durability.FSYNC) {
      return;
    }
    Config config = repo.getConfig();
    if (!config.getBoolean("core", null, "fsyncObjectFiles", false)
        || !config.getBoolean("core", null, "fsyncRefFiles", false)) {
      config.setBoolean("core", null, "fsyncObjectFiles", true);
      config.setBoolean("core", null, "fsyncRefFiles", true);
    }
  }
}
