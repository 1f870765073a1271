package dev.grove.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.server.fs.FsBackend;
import dev.grove.server.git.GitBackend;
import dev.grove.server.storage.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InitCommandTest extends CliTestBase {

  @Test
  void createsAGitStoreByDefault() {
    GroveRun run = grove("init", "notes").ok();
    Path repo = dir.resolve("notes");
    assertEquals("created an empty git store in " + repo + "\n", run.out());
    assertTrue(GitBackend.isStore(repo));
    assertEquals(Optional.of(Stores.Kind.GIT), Stores.kindOf(repo));
  }

  @Test
  void createsAnFsStore() {
    grove("init", "--backend", "fs", "scratch").ok();
    assertTrue(FsBackend.isStore(dir.resolve("scratch")));
    assertEquals(Optional.of(Stores.Kind.FS), Stores.kindOf(dir.resolve("scratch")));
  }

  @Test
  void withoutDirCreatesTheStoreInRepo() {
    grove("--repo", "here", "init", "--backend", "fs").ok();
    assertTrue(FsBackend.isStore(dir.resolve("here")));
  }

  @Test
  void aNewStoreHasNoBranches() {
    Path repo = store("git");
    assertEquals("", in(repo, "branch").ok().out());
    assertEquals("", in(repo, "ls").ok().out());
    in(repo, "log").fails(ExitCodes.FAILED, "no branch 'main': the store has no commits yet");
  }

  @Test
  void refusesAnExistingStoreOrANonEmptyDirectory() throws Exception {
    Path repo = store("git");
    grove("init", "--backend", "fs", repo.toString())
        .fails(ExitCodes.FAILED, "there is already a git store in " + repo);
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(other.resolve("file.txt"), "x");
    grove("init", other.toString()).fails(ExitCodes.FAILED, other + " is not empty");
    assertFalse(GitBackend.isStore(other));
  }

  @Test
  void rejectsAnUnknownBackend() {
    grove("init", "--backend", "svn", "x").fails(ExitCodes.USAGE, "unknown backend 'svn': use git or fs");
    assertFalse(Files.exists(dir.resolve("x")));
  }
}
