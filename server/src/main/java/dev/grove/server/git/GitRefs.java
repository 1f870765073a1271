package dev.grove.server.git;

import dev.grove.backend.BackendException;
import dev.grove.backend.ObjectStore;
import dev.grove.backend.RefChange;
import dev.grove.backend.RefOutcome;
import dev.grove.backend.RefUpdate;
import dev.grove.backend.Watchers;
import dev.grove.hash.ObjectId;
import dev.grove.server.storage.BranchFileNames;
import dev.grove.server.storage.Durability;
import dev.grove.server.storage.FileLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;

/**
 * Branches as {@code refs/heads/NAME}, changed by JGit's {@code RefUpdate} under the branch's
 * Grove lock ({@code grove-locks/NAME}, NAME percent-encoded), with stale {@code .lock} recovery;
 * see {@link GitBackend}.
 */
final class GitRefs {
  /** A ref lock file older than this was left by a writer that died. */
  static final Duration STALE_LOCK_AGE = Duration.ofSeconds(2);

  private final Repository repo;
  private final Path gitDir;
  private final Path locks;
  private final Durability durability;
  private final ObjectStore objects;

  GitRefs(Repository repo, Durability durability, ObjectStore objects) {
    this.repo = repo;
    this.gitDir = repo.getDirectory().toPath();
    this.locks = gitDir.resolve("grove-locks");
    this.durability = durability;
    this.objects = objects;
  }

  Optional<ObjectId> read(String branch) {
    try {
      Ref ref = repo.getRefDatabase().exactRef(Constants.R_HEADS + branch);
      return ref == null || ref.getObjectId() == null
          ? Optional.empty() : Optional.of(GitIds.fromJgit(ref.getObjectId()));
    } catch (IOException e) {
      throw new BackendException("io_error", "cannot read branch '" + branch + "': "
          + e.getMessage(), e);
    }
  }

  SortedMap<String, ObjectId> list() {
    SortedMap<String, ObjectId> out = new TreeMap<>();
    try {
      List<Ref> refs = repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS);
      for (Ref ref : refs) {
        if (ref.getObjectId() != null) {
          out.put(ref.getName().substring(Constants.R_HEADS.length()),
              GitIds.fromJgit(ref.getObjectId()));
        }
      }
    } catch (IOException e) {
      throw new BackendException("io_error", "cannot list branches: " + e.getMessage(), e);
    }
    return out;
  }

  /**
   * Applies one compare-and-set; an applied change is queued on {@code watchers} while the
   * branch is still locked, so each branch's changes are queued in the order they happened.
   */
  RefOutcome compareAndSet(RefUpdate update, Watchers watchers) {
    String refName = Constants.R_HEADS + update.branch();
    GitFsync.ensure(repo, durability);
    Path lockFile = locks.resolve(BranchFileNames.encode(update.branch()));
    try (FileLock lock = FileLock.acquire(lockFile)) {
      int lockWaits = 0;
      while (true) {
        ObjectId current = read(update.branch()).orElse(ObjectId.NONE);
        if (!current.equals(update.expected())) {
          return RefOutcome.CAS_FAILED;
        }
        if (!update.next().isNone() && !objects.contains(update.next())) {
          return RefOutcome.MISSING_OBJECTS;
        }
        if (current.equals(update.next())) {
          return RefOutcome.NO_CHANGE;
        }
        if (current.isNone()) {
          checkNoNameConflict(update.branch(), refName);
        }
        org.eclipse.jgit.lib.RefUpdate.Result result;
        try {
          result = apply(refName, update);
        } catch (IOException e) {
          if (current.isNone()) {
            // A racing creation of 'x' or 'x/y' got there between the check and the lock: the
            // lock file cannot be made ("Not a directory", "Is a directory").
            checkNoNameConflict(update.branch(), refName);
          }
          throw e;
        }
        switch (result) {
          case NEW:
          case FORCED:
          case FAST_FORWARD:
            syncRefDirectory(refName, update.next().isNone());
            watchers.enqueue(new RefChange(update.branch(), current, update.next()));
            return current.isNone() ? RefOutcome.CREATED
                : update.next().isNone() ? RefOutcome.DELETED : RefOutcome.UPDATED;
          case NO_CHANGE:
            return RefOutcome.NO_CHANGE;
          case REJECTED_MISSING_OBJECT:
            return RefOutcome.MISSING_OBJECTS;
          case LOCK_FAILURE:
            if (!read(update.branch()).orElse(ObjectId.NONE).equals(update.expected())) {
              return RefOutcome.CAS_FAILED;
            }
            if (current.isNone()) {
              checkNoNameConflict(update.branch(), refName); // stock git may have raced us
            }
            if (lockWaits++ < 1 && awaitLockGone(refName)) {
              continue; // the lock was released, or was stale and is removed: try again
            }
            return RefOutcome.CAS_FAILED; // a writer outside Grove keeps the ref locked
          default:
            throw new BackendException("io_error", "JGit answered " + result + " updating branch '"
                + update.branch() + "'");
        }
      }
    } catch (IOException e) {
      throw new BackendException("io_error", "cannot update branch '" + update.branch() + "': "
          + e.getMessage(), e);
    }
  }

  private org.eclipse.jgit.lib.RefUpdate.Result apply(String refName, RefUpdate update)
      throws IOException {
    org.eclipse.jgit.lib.RefUpdate jgit = repo.updateRef(refName);
    jgit.setExpectedOldObjectId(GitIds.toJgit(update.expected())); // zeroId: must not exist
    jgit.setForceUpdate(true); // our compare-and-set is not a fast-forward check
    if (update.next().isNone()) {
      return jgit.delete();
    }
    jgit.setNewObjectId(GitIds.toJgit(update.next()));
    return jgit.update();
  }

  /** Git cannot hold both {@code a} and {@code a/b}: a directory and a file of one name. */
  private void checkNoNameConflict(String branch, String refName) throws IOException {
    if (repo.getRefDatabase().isNameConflicting(refName)) {
      throw new BackendException("branch_name_conflict", "branch '" + branch + "' cannot be "
          + "created: Git cannot hold both a branch 'x' and a branch 'x/y', and one exists");
    }
  }

  /**
   * Waits until the ref's {@code .lock} is gone, deleting it once it is older than
   * {@link #STALE_LOCK_AGE}; gives up (false) after a little longer than that. Only called while
   * holding the branch's Grove lock, so no Grove writer is mid-update: the lock is either stock
   * Git's (held for milliseconds) or left by a writer that was killed. Waiting instead of
   * answering at once keeps {@code CAS_FAILED} truthful: the head was what the caller expected.
   */
  private boolean awaitLockGone(String refName) throws IOException {
    Path lockFile = gitDir.resolve(refName + ".lock");
    long deadline = System.currentTimeMillis() + STALE_LOCK_AGE.toMillis() + 1000;
    while (true) {
      long modified;
      try {
        modified = Files.getLastModifiedTime(lockFile).toMillis();
      } catch (NoSuchFileException e) {
        return true;
      }
      long now = System.currentTimeMillis();
      if (now - modified >= STALE_LOCK_AGE.toMillis()) {
        Files.deleteIfExists(lockFile);
        return true;
      }
      if (now >= deadline) {
        return false;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  /**
   * With FSYNC, makes the ref file's rename or removal durable (JGit fsyncs only the file): the
   * directories from the ref's up to {@code refs/heads}, and after a delete the git directory,
   * where {@code packed-refs} may have been replaced.
   */
  private void syncRefDirectory(String refName, boolean deleted) throws IOException {
    if (durability != Durability.FSYNC) {
      return;
    }
    Path heads = gitDir.resolve(Constants.R_HEADS);
    for (Path dir = gitDir.resolve(refName).getParent(); dir.startsWith(heads);
        dir = dir.getParent()) {
      if (Files.isDirectory(dir)) { // a delete removes the directories it emptied
        GitObjects.syncDirectory(dir);
      }
    }
    if (deleted) {
      GitObjects.syncDirectory(gitDir);
    }
  }
}
