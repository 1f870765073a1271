package dev.grove.server.stress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.grove.backend.Backend;
import dev.grove.backend.RefOutcome;
import dev.grove.hash.ObjectId;
import dev.grove.store.CommitInfo;
import dev.grove.store.Repository;
import dev.grove.store.Verifier;
import dev.grove.tree.ObjectLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files a writer killed mid-write leaves behind, as {@link CrashTest} finds them, planted
 * deterministically: a reopened store must work as if they were not there. A branch's
 * {@code .lock} file is left by a writer killed between creating it and renaming it over the
 * branch; a temporary object file by one killed while writing an object.
 */
class LeftoversTest {
  @TempDir
  Path tmp;

  @Test
  void fsStaleLockOfExistingBranch() throws Exception {
    staleLockOfExistingBranch(StoreKind.FS, "refs/main.lock");
  }

  @Test
  void gitStaleLockOfExistingBranch() throws Exception {
    staleLockOfExistingBranch(StoreKind.GIT, "refs/heads/main.lock");
  }

  @Test
  void fsStaleLockOfNewBranch() throws Exception {
    staleLockOfNewBranch(StoreKind.FS, "refs/side.lock");
  }

  @Test
  void gitStaleLockOfNewBranch() throws Exception {
    staleLockOfNewBranch(StoreKind.GIT, "refs/heads/side.lock");
  }

  @Test
  void fsTemporaryObjectOfDeadWriter() throws Exception {
    Path dir = tmp.resolve("store");
    ObjectId head = storeWithOneCommit(StoreKind.FS, dir);
    Path temp = dir.resolve("objects/tmp/" + deadPid() + "-1");
    Files.write(temp, "blob 100\0only part of it".getBytes(StandardCharsets.UTF_8));
    try (Backend backend = StoreKind.FS.open(dir)) {
      assertFalse(Files.exists(temp), "opening removes temporary files of dead writers");
      writeAndVerify(backend, head);
    }
  }

  @Test
  void gitTemporaryObjectOfDeadWriter() throws Exception {
    Path dir = tmp.resolve("store");
    ObjectId head = storeWithOneCommit(StoreKind.GIT, dir);
    Files.write(dir.resolve("objects/noz4242424242.tmp"), new byte[] {0x78, 0x01, 0x4b});
    try (Backend backend = StoreKind.GIT.open(dir)) {
      writeAndVerify(backend, head);
    }
  }

  /**
   * A writer was killed while moving {@code main}: its lock file is left. Holding the
   * branch's lock, nobody else is writing it, so a compare-and-set from the current head must
   * not answer CAS_FAILED ("the branch's current value was not the expected one"); a writer
   * that believed it and retried would give up with "too many retries" although nobody else
   * writes.
   */
  private void staleLockOfExistingBranch(StoreKind kind, String lockFile) throws Exception {
    Path dir = tmp.resolve("store");
    ObjectId head = storeWithOneCommit(kind, dir);
    Files.writeString(dir.resolve(lockFile), ObjectId.NONE.hex().replace('0', '7') + "\n");
    try (Backend backend = kind.open(dir)) {
      writeAndVerify(backend, head);
    }
  }

  /** A writer was killed while creating branch {@code side}: its lock file is left. */
  private void staleLockOfNewBranch(StoreKind kind, String lockFile) throws Exception {
    Path dir = tmp.resolve("store");
    ObjectId head = storeWithOneCommit(kind, dir);
    Files.writeString(dir.resolve(lockFile), head.hex() + "\n");
    try (Backend backend = kind.open(dir)) {
      Repository repo = Repository.open(backend);
      assertEquals(RefOutcome.CREATED, repo.createBranch("side", head),
          "creating a branch whose creator died (its .lock file left) from this process");
      assertEquals(head, repo.head("side"));
      assertTrue(Verifier.verify(repo).ok());
    }
  }

  private static ObjectId storeWithOneCommit(StoreKind kind, Path dir) {
    try (Backend backend = kind.init(dir)) {
      return Repository.open(backend).branch(Workload.BRANCH)
          .set("a", "1", CommitInfo.message("before the crash"));
    }
  }

  /** One raw compare-and-set from {@code head}, then a transaction; both must succeed. */
  private static void writeAndVerify(Backend backend, ObjectId head) {
    Repository repo = Repository.open(backend);
    Workload.Attempt raw = Workload.casWriteOnce(repo, new ObjectLoader(backend.objects()),
        Workload.BRANCH, List.of("b"), null, "after the crash");
    assertEquals(RefOutcome.UPDATED, raw.outcome(), "a compare-and-set of " + Workload.BRANCH
        + " from its current head " + head.hex() + ", the only writer");
    ObjectId next = repo.branch(Workload.BRANCH).set("c", "3", CommitInfo.message("after"));
    assertTrue(repo.isAncestor(raw.commit(), next));
    assertEquals("1", repo.branch(Workload.BRANCH).getText("a"));
    assertTrue(Verifier.verify(repo).ok(), () -> Verifier.verify(repo).problems().toString());
  }

  /** The id of a process that has exited. */
  private static long deadPid() throws Exception {
    Process process = new ProcessBuilder("true").start();
    process.waitFor();
    return process.pid();
  }
}
