package dev.grove.server.fs;

import dev.grove.backend.BackendException;
import dev.grove.backend.BranchNames;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Branches as files {@code refs/NAME} holding the head's hex id, NAME percent-encoded (so
 * {@code a} and {@code a/b} can both exist). A change holds the branch's {@link FileLock}
 * ({@code locks/NAME}), reads and compares the current head, writes the new one to
 * {@code refs/NAME.lock} (created exclusively), fsyncs it, renames it over {@code refs/NAME} and
 * fsyncs the directory. Readers take no lock: the rename is atomic, they see the old or the new
 * head. A {@code .lock} file found while holding the branch's lock was left by a writer that
 * died, and is removed; one that a live writer is writing is never touched, because that writer
 * holds the lock.
 */
final class FsRefs {
  private static final String LOCK_SUFFIX = ".lock";
  /**
   * The lock held while a branch is created ({@code locks/%names}); no branch's lock file has
   * this name, as encoded names have only {@code %XX} with upper-case hex digits after a
   * {@code %}.
   */
  private static final String NAMES_LOCK = "%names";

  private final Path dir;
  private final Path locks;
  private final Durability durability;
  private final ObjectStore objects;

  FsRefs(Path dir, Path locks, Durability durability, ObjectStore objects) {
    this.dir = dir;
    this.locks = locks;
    this.durability = durability;
    this.objects = objects;
  }

  Optional<ObjectId> read(String branch) {
    return readFile(dir.resolve(BranchFileNames.encode(branch)), branch);
  }

  SortedMap<String, ObjectId> list() {
    SortedMap<String, ObjectId> out = new TreeMap<>();
    try (var files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(LOCK_SUFFIX)) {
          continue;
        }
        String branch = BranchFileNames.decode(name);
        readFile(file, branch).ifPresent(head -> out.put(branch, head));
      }
    } catch (IOException e) {
      throw new BackendException("io_error", "cannot list " + dir + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** Applies one compare-and-set; an applied change is queued on {@code watchers} while the branch is still locked. */
  RefOutcome compareAndSet(RefUpdate update, Watchers watchers) {
    String name = BranchFileNames.encode(update.branch());
    Path ref = dir.resolve(name);
    try (FileLock lock = FileLock.acquire(locks.resolve(name))) {
      ObjectId current = readFile(ref, update.branch()).orElse(ObjectId.NONE);
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
        return create(update, ref, name, watchers);
      }
      if (update.next().isNone()) {
        Files.delete(ref);
        FsFiles.syncDirectory(dir, durability);
        watchers.enqueue(new RefChange(update.branch(), current, ObjectId.NONE));
        return RefOutcome.DELETED;
      }
      writeHead(ref, name, update.next());
      watchers.enqueue(new RefChange(update.branch(), current, update.next()));
      return RefOutcome.UPDATED;
    } catch (IOException e) {
      throw new BackendException("io_error", "cannot update branch '" + update.branch() + "': "
          + e.getMessage(), e);
    }
  }

  /**
   * Creates a branch, holding the names lock as well as the branch's: Git (and so the git
   * backend, and a store exported to Git) cannot hold both {@code x} and {@code x/y}, and two
   * creations racing each other must not both pass the check.
   */
  private RefOutcome create(RefUpdate update, Path ref, String name, Watchers watchers) throws IOException {
    try (FileLock names = FileLock.acquire(locks.resolve(NAMES_LOCK))) {
      String other = BranchNames.conflict(update.branch(), list().keySet());
      if (other != null) {
        throw new BackendException("branch_name_conflict", "branch '" + update.branch()
            + "' cannot be created: branch '" + other + "' exists, and Git cannot hold both");
      }
      writeHead(ref, name, update.next());
    }
    watchers.enqueue(new RefChange(update.branch(), ObjectId.NONE, update.next()));
    return RefOutcome.CREATED;
  }

  /** Writes {@code head} to {@code ref} atomically; the caller holds the branch's lock. */
  private void writeHead(Path ref, String name, ObjectId head) throws IOException {
    Path staged = dir.resolve(name + LOCK_SUFFIX);
    byte[] content = (head.hex() + "\n").getBytes(StandardCharsets.US_ASCII);
    try {
      FsFiles.writeNew(staged, durability, content);
    } catch (FileAlreadyExistsException e) {
      Files.delete(staged); // left by a writer that died: we hold the lock
      FsFiles.writeNew(staged, durability, content);
    }
    Files.move(staged, ref, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    FsFiles.syncDirectory(dir, durability);
  }

  private static Optional<ObjectId> readFile(Path file, String branch) {
    String text;
    try {
      text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new BackendException("io_error", "cannot read branch '" + branch + "': " + e.getMessage(), e);
    }
    if (!ObjectId.isHex(text)) {
      throw new BackendException("corrupt_ref", "branch '" + branch + "' holds '" + text
          + "', not an object id");
    }
    return Optional.of(ObjectId.fromHex(text));
  }
}
